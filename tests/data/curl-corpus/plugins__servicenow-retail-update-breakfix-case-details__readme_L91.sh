curl --location 'https://YOUR_INSTANCE/api/now/table/sn_rtl_stre_servcs_bf_case/<CASE_SYS_ID>' \
  --request PATCH \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Content-Type: application/json' \
  --data '{
    "state": "{{state}}",
    "comments": "{{comments}}"
  }'