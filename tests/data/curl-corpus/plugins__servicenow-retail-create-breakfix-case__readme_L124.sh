curl --location 'https://YOUR_INSTANCE/api/now/table/sn_rtl_stre_servcs_bf_case' \
  --request POST \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Content-Type: application/json' \
  --data '{
    "short_description": "{{short_description}}",
    "description": "{{description}}",
    "install_base": "{{install_base_sys_id}}",
    "requesting_service_organization": "{{store_sys_id}}",
    "priority": "{{priority}}",
    "opened_by": "{{requesting_user_sys_id}}",
    "contact_type": "moveworks"
  }'