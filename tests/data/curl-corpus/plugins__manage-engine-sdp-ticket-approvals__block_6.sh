curl --location 'https://sdpondemand.manageengine.in/api/v3/releases/{{release_id}}/approval_levels' \
--header 'Authorization: Bearer {{token}}' \