curl --location 'https://<API_SERVER_DOMAIN>/api/recruiting/v3/<TENANT>/jobPostings?limit=100&offset=0' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'