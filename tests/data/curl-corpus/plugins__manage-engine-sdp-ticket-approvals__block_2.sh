curl --location 'https://sdpondemand.manageengine.in/api/v3/changes' \
--header 'Authorization: Bearer {{token}}' \