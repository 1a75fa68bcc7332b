curl --location 'https://<YOUR_INSTANCE>/api/v1/jamf-pro-server-url' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <YOUR_ACCESS_TOKEN>' \