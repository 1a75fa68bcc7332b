curl --location 'https://<API_SERVER_DOMAIN>/ccx/api/staffing/v7/<TENANT>/workers/{WORKER_ID}/serviceDates' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json'