curl --location 'https://<YOUR_DOMAIN>/api/timeTracking/v3/moveworks_dpt1/timeClockEvents' \
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--data '{
    "worker": {
        "id": "{{worker_id}}"
    },
    "eventType": {
        "id": "{{eventType}}"
    },
    "timeZone": {
        "id": "{{timeZone}}"
    },
    "dateTime": "{{dateTime}}",
    "timeEntryCode": {
        "id": "{{timeEntryCode}}"
    }
}'