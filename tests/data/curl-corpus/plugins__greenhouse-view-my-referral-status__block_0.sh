curl 'https://harvest.greenhouse.io/v1/users'
--user '<api_key>:'