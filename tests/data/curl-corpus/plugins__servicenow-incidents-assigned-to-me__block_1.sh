curl --location 'https://<YOUR_INSTANCE>.service-now.com/api/now/table/sys_journal_field?sysparm_query=element_id=<SYS_ID>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \