curl 'https://harvest.greenhouse.io/v1/applications/{{application_id}}/scorecards'
--user '<api_key>:'