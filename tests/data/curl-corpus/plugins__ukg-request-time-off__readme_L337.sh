curl --request GET \
  --url 'https://<YOUR_UKG_HOST>/api/v1/scheduling/timeoff/{{PTO_ID}}?include_overridden_shifts=false' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json'