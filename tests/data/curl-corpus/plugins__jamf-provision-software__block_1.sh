curl --location 'https://<YOUR_INSTANCE>/JSSResource/users/name/{{user_name}}' \
--header 'authorization: Bearer <ACCESS_TOKEN>' \
--header 'accept: application/json' \