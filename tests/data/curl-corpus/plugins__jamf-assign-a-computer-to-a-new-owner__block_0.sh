curl --location 'https://<YOUR_INSTANCE>/JSSResource/users/name/{{user_filter}}' \
--header 'Authorization: Bearer {{access_token}}' \
--header 'Accept: application/json'