curl --location "https://<YOUR_INSTANCE>/api/now/table/cmn_cost_center?sysparm_query=id=<COST_CENTER_ID>&sysparm_display_value=true" \
--header "Authorization: Bearer <ACCESS_TOKEN>" \
--header "Accept: application/json"