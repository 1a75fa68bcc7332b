curl --request GET \
  --url 'https://{{ukg_host}}/api/v1/commons/persons/{{personID}}' \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json'