curl --location 'https://<YOUR_INSTANCE>/api/now/table/alm_asset?sysparm_query=assigned_to.email=<USER_EMAIL>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json'