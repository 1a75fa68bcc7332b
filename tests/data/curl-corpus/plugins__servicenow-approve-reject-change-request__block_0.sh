curl --location 'https://<API_SERVER_DOMAIN>/api/now/table/sysapproval_approver' \
--header 'Authorization: Bearer <Your_Access_Token>' \
--header 'Accept: application/json' \
--header 'Content-Type: application/json'