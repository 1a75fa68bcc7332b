curl --location 'https://<YOUR_INSTANCE_DOMAIN>/services/oauth2/userinfo' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer {{ACCESS_TOKEN}}'