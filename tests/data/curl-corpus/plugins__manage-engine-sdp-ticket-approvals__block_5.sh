curl --location 'https://sdpondemand.manageengine.in/api/v3/changes/{{change_id}}/approval_levels' \
--header 'Authorization: Bearer {{token}}' \