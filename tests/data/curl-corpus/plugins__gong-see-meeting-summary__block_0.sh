curl -X POST "https://us-35031.api.gong.io/v2/calls/transcript" \
     --header "accept: application/json" \
     --header "authorization: Bearer {{personal_access_token}}" \
     --header "content-type: application/json" \
     --data '{
       "filter": {
         "callIds": ["{{callid}}"]
       }
     }'