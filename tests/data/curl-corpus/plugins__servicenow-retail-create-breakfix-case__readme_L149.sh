curl --location 'https://YOUR_INSTANCE/api/now/attachment/upload' \
  --request POST \
  --header 'Authorization: Bearer ACCESS_TOKEN' \
  --header 'Content-Type: multipart/form-data' \
  --form 'table_name=sn_rtl_stre_servcs_bf_case' \
  --form 'table_sys_id={{case_sys_id}}' \
  --form 'uploadFile=@{{file}}'