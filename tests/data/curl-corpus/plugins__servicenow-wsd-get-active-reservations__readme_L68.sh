curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_rsv/reservation/list?encodedQuery=active%3Dtrue' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'