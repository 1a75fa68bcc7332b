curl --location 'https://<YOUR_INSTANCE>/rest/servicedeskapi/request?expand=sla' \
--header 'Accept: application/json' \
--header 'Authorization: Basic <API_TOKEN>'