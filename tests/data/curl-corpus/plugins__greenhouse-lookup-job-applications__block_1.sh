curl 'https://harvest.greenhouse.io/v1/candidates?job_id={{internal_job_id}}&updated_after={{updated_after}}'
--user '<api_key>:'