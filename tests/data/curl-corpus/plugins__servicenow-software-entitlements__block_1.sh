curl --location 'https://<YOUR_INSTANCE>/api/now/table/alm_entitlement?sysparm_query=assigned_to=<USER_SYS_ID>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json' \
--header 'Content-Type: application/json'