curl --location 'https://sdpondemand.manageengine.in/api/v3/releases' \
--header 'Authorization: Bearer {{token}}' \