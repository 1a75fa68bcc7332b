curl --location 'https://<API_SERVER_DOMAIN>/rest/timemanagement/absence/v1/timeAccountBalances?%24at=<DATE>&assignmentId=<ASSIGNMENTUUID>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'\
--header 'Accept: application/json'