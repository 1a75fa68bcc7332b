curl --location 'https://<YOUR_DOMAIN>/api/recruiting/v3/<TENANT>/interviews'\
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'