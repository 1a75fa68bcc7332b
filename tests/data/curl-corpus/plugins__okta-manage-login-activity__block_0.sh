curl --location 'https://<YOUR_INSTANCE>.okta.com/api/v1/groups?q=<team>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json'