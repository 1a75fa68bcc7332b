curl --location 'https://<YOUR_INSTANCE>/JSSResource/{{device_type}}/id/{{inventory_id}}' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json' \