curl --location --request DELETE 'https://<YOUR_INSTANCE>/api/sn_wsd_concierge/presence/exception/<EXCEPTION_SYS_ID>' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'