curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_concierge/presence?include=collaborators' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'