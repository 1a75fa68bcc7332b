curl 'https://harvest.greenhouse.io/v1/applications'
--user '<api_key>:'