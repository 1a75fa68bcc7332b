curl --request GET
--location 'https://<DOMAIN>.myworkday.com/ccx/api/v1/<INSTANCE>/workers?search=<full_name>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \
--header 'Accept: application/json' \