curl --location 'https://<YOUR_INSTANCE>/v2/computers-inventory?section={{section}}&filter={{filter}}' \
--header 'Authorization: Bearer {{access_token}}' \
--header 'Accept: application/json'