curl --location 'https://<API_SERVER_DOMAIN>/ccx/api/common/v1/<TENANT>/workers/{WORKER_ID}/paySlips?limit=48&offset=0' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json'