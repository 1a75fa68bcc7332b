curl --location 'https://<YOUR_INSTANCE>/rest/api/3/issue/{{issue_key}}' \
--header 'Accept: application/json' \
--header 'Authorization: Basic <API_TOKEN>'