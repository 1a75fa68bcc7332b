curl --location 'https://{API_SERVER_DOMAIN}/ccx/api/accountsPayable/v1/{{TENANT}}/supplierInvoiceRequests' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{generated_bearer_token}}'