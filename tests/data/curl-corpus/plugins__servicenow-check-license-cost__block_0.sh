curl --location 'https://<YOUR_INSTANCE>.service-now.com/api/now/table/alm_license?sysparm_query=model.display_nameLIKE%20<SOFTWARE_NAME>' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \