
curl --location 'https://<YOUR_INSTANCE>.service-now.com/api/now/table/chg_model?sysparm_fields=sys_name%2Csys_id' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'