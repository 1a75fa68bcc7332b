curl --location 'https://<YOUR_DOMAIN>/api/now/table/sys_user?sysparm_query=email={{email}}' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json'