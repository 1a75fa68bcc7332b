curl --location --globoff 'https://api.pagerduty.com/schedules?team_ids[]={{team_id}}' \
--header 'Authorization: Bearer {{your_auth_token}}'