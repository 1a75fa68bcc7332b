curl 'https://harvest.greenhouse.io/v1/users?email={{user.email_addr}}'
--user '<api_key>:'