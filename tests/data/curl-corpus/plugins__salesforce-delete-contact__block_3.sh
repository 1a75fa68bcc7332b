curl --location --request DELETE 'https://<YOUR_INSTANCE>/services/data/v56.0/sobjects/Contact/{{contact_id}}' \
--header 'Authorization: Bearer {{access_token}}' \
--header 'Content-Type: application/json'