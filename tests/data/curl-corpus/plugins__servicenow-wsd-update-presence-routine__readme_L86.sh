curl --location --request PATCH 'https://<YOUR_INSTANCE>/api/sn_wsd_concierge/presence/routine' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json' \
  --header 'Accept: application/json' \
  --data '{
    "routine": {
      "friday": false
    }
  }'