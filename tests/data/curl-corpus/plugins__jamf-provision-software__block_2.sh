curl --location 'https://<YOUR_INSTANCE>/api/v1/packages'\
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'