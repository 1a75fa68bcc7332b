curl 'https://harvest.greenhouse.io/v1/jobs/{{internal_job_id}}/hiring_team'
--user '<api_key>:'