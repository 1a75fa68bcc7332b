curl --location 'https://us2.api.concursolutions.com/api/v3.0/expense/reports?user=ALL&limit=1' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{concur_access_token}}'