curl --request GET \
  --url 'https://{{systrack_hostname}}/api/groups' \
  --header 'systrack-api-key: {{your_api_key}}'