curl --location 'https://api.pagerduty.com/teams?query={{team_name}}' \
--header 'Authorization: Bearer {{your_auth_token}}'