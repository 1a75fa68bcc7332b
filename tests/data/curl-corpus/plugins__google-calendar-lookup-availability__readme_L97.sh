curl --request POST \
  --url 'https://www.googleapis.com/calendar/v3/freeBusy' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json' \
  --data '{
    "timeMin": "{{start_datetime}}",
    "timeMax": "{{end_datetime}}",
    "timeZone": "{{time_zone}}",
    "items": [{"id": "{{email}}"}, ...]
  }'