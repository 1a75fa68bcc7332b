curl --location 'https://{{INSTANCE_DOMAIN}}/api/expense_reports' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{generated_bearer_token}}'