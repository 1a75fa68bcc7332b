curl --location 'https://<YOUR_DOMAIN>/ccx/api/recruiting/v4/<TENANT>/interviews/<interview_id>/feedback'\
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer <ACCESS_TOKEN>'