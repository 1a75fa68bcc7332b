curl --location 'https://YOUR_INSTANCE/api/now/table/sn_rtl_stre_servcs_bf_case?sysparm_query=opened_by.email=<USER_EMAIL>^stateIN1,6,10,18&sysparm_display_value=true' \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Accept: application/json'