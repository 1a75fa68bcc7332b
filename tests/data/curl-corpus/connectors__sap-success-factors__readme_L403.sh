curl -X POST \
  "https://apisalesdemo8.successfactors.com/odata/v2/upsert?$format=json&workflowConfirmed=true" \
  -H "Authorization: Bearer <access_token>" \
  -H "Content-Type: application/json" \
  -H "Accept: application/json" \
  -d '[{
    "__metadata": {
      "uri": "EmployeeTime"
    },
    "externalCode": "PTO_TEST_001",
    "userId": "{{userId}}",
    "startDate": "/Date(1776384000000)/",
    "endDate": "/Date(1776384000000)/",
    "approvalStatus": "PENDING",
    "timeTypeNav": {
      "__metadata": {
        "uri": "TimeType('\''TT_VAC_REC'\'')",
        "type": "SFOData.TimeType"
      }
    }
  }]'