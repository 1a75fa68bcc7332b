curl --location '{{base_url}}/api/creator_studio_hello_world?name=Han&code=*****' \
--data ''