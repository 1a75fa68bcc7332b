curl --location 'https://api.pagerduty.com/schedules/{{schedule_id}}' \
--header 'Authorization: Bearer {{your_auth_token}}'