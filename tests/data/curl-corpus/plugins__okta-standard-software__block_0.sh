curl --location 'https://<YOUR_INSTANCE>/api/v1/groups?q=<GROUP_NAME>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json'