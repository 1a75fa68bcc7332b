curl --request GET
--location --location 'https://<API_SERVER>/odata/v2/JobRequisitionLocale?%24top=20' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \
--header 'Accept: application/json' \