curl --location 'https://<YOUR_INSTANCE>.okta.com/api/v1/groups/<team_id>/users' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json'