curl --request GET 'https://{{nexthink_instance}}.api.{{region}}.nexthink.cloud/api/v1/workflows' \
  --header 'Accept: application/json' \
  --header 'Authorization: Bearer {{access_token}}'