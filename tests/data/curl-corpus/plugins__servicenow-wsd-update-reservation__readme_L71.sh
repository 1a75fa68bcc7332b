curl --location --request PATCH 'https://<YOUR_INSTANCE>/api/sn_wsd_rsv/reservation/update/<RESERVATION_SYS_ID>' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json' \
  --data '{
    "sys_id": "<RESERVATION_SYS_ID>",
    "subject": "Team Project Sync",
    "start": "2026-05-12T14:00:00Z",
    "end": "2026-05-12T15:00:00Z",
    "location": "<NEW_OR_CURRENT_LOCATION_SYS_ID>",
    "requested_for": "<SERVICENOW_USER_SYS_ID>"
  }'