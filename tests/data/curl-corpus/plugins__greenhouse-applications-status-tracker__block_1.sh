curl 'https://harvest.greenhouse.io/v1/jobs?status=open&updated_after={{updated_after}}'
--user '<api_key>:'