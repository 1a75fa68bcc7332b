curl --location --request GET 'https://{{YOUR_INSTANCE}}/api/v1/departments' \
--header 'Authorization: Bearer {{ACCESS_TOKEN}}'