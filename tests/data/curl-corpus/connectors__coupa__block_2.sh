curl --location 'https://{{INSTANCE_DOMAIN}}/api/approvals' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{generated_bearer_token}}'