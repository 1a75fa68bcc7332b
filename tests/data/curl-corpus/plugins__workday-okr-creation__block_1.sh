curl --request GET \
--location 'https://<DOMAIN>.myworkday.com/api/v1/{{TENANT}}/workers/<WORKER_ID>/directReports' \
--header 'Authorization: Bearer <Access token>' \
--header 'Content-Type: application/json' \