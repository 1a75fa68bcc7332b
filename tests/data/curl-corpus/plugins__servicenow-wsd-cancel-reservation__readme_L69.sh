curl --location --request PATCH 'https://<YOUR_INSTANCE>/api/sn_wsd_rsv/reservation/cancel/<RESERVATION_SYS_ID>' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json' \
  --data '{
    "cancel_notes": "Meeting rescheduled"
  }'