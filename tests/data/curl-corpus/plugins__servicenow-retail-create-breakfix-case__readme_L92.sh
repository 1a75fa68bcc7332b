curl --location 'https://YOUR_INSTANCE/api/now/table/sn_install_base_item?sysparm_query=<STORE_SCOPE_QUERY>&sysparm_display_value=true' \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Accept: application/json'