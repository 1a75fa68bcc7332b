curl --request POST \
  --url https://<YOUR_UKG_HOST>/api/v1/scheduling/timeoff \
  --header 'Authorization: Bearer {{access_token}}' \
  --header 'Content-Type: application/json' \
  --data '{
    "timeOffRequest": {
        "requestSubType": {
            "name": "{{SUBTYPE_NAME}}"
        },
        "periods": [
            {
                "payCode": {
                    "id": {{PAYCODE_ID}}
                },
                "endDate": "{{END_DATE}}",
                "startTime": "{{START_TIME}}",
                "duration": {{DURATION}},
                "startDate": "{{START_DATE}}",
                "symbolicAmount": {
                    "qualifier": "HOURS"
                }
            }
        ],
        "employee": {
            "id": {{PERSON_ID}}
        },
        "commentNotes": [
            {
                "comment": {
                    "active": true,
                    "name": "Request Comment"
                },
                "notes": [
                    {
                        "text": "{{COMMENT_TEXT}}",
                        "dataSourceDisplayName": "{{USERNAME}}"
                    }
                ]
            }
        ]
    }
}'