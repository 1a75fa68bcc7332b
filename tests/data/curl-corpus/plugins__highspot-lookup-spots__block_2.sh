curl --location 'https://api.highspot.com/v1.0/spots' \
--header 'Content-Type: application/json' \
--header 'hs-user: your.name@company.com' \
--header 'Authorization: Basic dX**********************'