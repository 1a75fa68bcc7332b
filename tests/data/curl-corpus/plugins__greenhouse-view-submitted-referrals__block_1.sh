curl 'https://harvest.greenhouse.io/v1/candidates'
--user '<api_key>:'