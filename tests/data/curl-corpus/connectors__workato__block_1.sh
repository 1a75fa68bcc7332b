curl --location '{{recipe_url}}' \
--header 'Content-Type: application/json' \
--header 'api-token: {{access_token}}' \
--data '{
    "name": "Luke"
}'