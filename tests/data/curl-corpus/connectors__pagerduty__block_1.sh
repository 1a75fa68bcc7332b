curl --location 'https://api.pagerduty.com/incidents' \
--header 'Authorization: Bearer <Generated Access Token>'