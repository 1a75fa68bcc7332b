curl --request GET
--location 'https://<YOUR_DOMAIN>/api/now/table/cmdb_ci_outage?sysparm_query=ORDERBYDESCsys_created_on&sysparm_limit=1&sysparm_display_value=true' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json' \