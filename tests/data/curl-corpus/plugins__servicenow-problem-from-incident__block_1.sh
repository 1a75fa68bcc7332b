curl --location 'https://<YOUR_DOMAIN>/api/now/table/incident?sysparm_query=number={{number}}' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json'