curl 'https://harvest.greenhouse.io/v1/applications?job_id={{job_id}}&last_activity_after={{last_activity_after}}'
--user '<api_key>:'