curl 'https://harvest.greenhouse.io/v1/candidates?email={{candidate_email}}'
--user '<api_key>:'