curl --location 'https://{API_SERVER_DOMAIN}/v2025/accounts' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{generated_bearer_token}}'