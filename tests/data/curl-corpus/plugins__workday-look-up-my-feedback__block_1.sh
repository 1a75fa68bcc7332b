curl --location 'https://<API_SERVER_DOMAIN>/ccx/api/performanceEnablement/v5/<TENANT>/workers/{{WORKER_ID}}/anytimeFeedbackEvents' \
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'