curl --request GET \
  --url 'https://www.googleapis.com/calendar/v3/calendars/{{user_email_addr}}' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json'