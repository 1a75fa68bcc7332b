curl --location 'https://YOUR_INSTANCE/api/now/table/sn_rtl_stre_servcs_bf_case?sysparm_query=install_base=<INSTALL_BASE_SYS_ID>^stateNOT IN3,7&sysparm_limit=1&sysparm_display_value=true' \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Accept: application/json'