curl --location 'https://<YOUR_INSTANCE_DOMAIN>/oauth/token/accessible-resources' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{ACCESS_TOKEN}}'