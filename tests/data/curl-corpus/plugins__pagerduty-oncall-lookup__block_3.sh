curl --location 'https://api.pagerduty.com/users/{{user_id}}/contact_methods/{{contact_method_id}}' \
--header 'Authorization: Bearer {{your_auth_token}}'