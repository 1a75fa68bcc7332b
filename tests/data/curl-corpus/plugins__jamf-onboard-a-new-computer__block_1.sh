curl --location 'https://<YOUR_INSTANCE>/JSSResource/users/{{filter_query}}' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <YOUR_ACCESS_TOKEN>' \