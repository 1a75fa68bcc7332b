curl --location 'https://YOUR_INSTANCE/api/now/table/sn_csm_service_organization_member?sysparm_query=user.email=<USER_EMAIL>&sysparm_display_value=true' \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Accept: application/json'