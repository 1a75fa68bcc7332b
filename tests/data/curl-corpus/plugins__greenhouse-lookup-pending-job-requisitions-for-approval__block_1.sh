curl 'https://harvest.greenhouse.io/v1/users/{user_id}/pending_approvals'
--user '<api_key>:'