curl --location 'https://your.domain.com/api/v3.0/expense/expensegroupconfigurations' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{generated_bearer_token}}'