curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_rsv/v1/user/context' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'