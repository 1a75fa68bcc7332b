curl --request GET \
  --url 'https://www.googleapis.com/calendar/v3/users/me/settings/timezone' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json'