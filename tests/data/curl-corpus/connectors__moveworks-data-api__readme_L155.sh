curl --request GET \
  --url 'https://api.moveworks.ai/export/v1/records/interactions?$skip={{skip}}&$orderby=created_time&$filter=created_time%20gt%20%27{{start_date}}T00:00:00Z%27%20and%20created_time%20lt%20%27{{end_date}}T00:00:00Z%27' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json'