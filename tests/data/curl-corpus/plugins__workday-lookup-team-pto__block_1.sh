curl --location 'https://<API_SERVER_DOMAIN>/api/v1/<TENANT>/workers/<WORKER_ID>/directReports' \
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'