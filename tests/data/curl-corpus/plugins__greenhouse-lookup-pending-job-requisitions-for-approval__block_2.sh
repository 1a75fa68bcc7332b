curl 'https://harvest.greenhouse.io/v1/jobs/{id}'
--user '<api_key>:'