curl -X POST -H 'Content-Type: application/json' -d '{
  "businessProcessParameters": {
    "action": {
      "id": "d9e4223e446c11de98360015c5e6daf6"
    }
  },
  "days": [
    {
      "correctedEntry": {
        "id": "{{time_off_entry_id}}"
      },
      "dailyQuantity": {{hours}},
      "comment": "{{comment}}"
    }
  ]
}' 'https://<tenantUrl>/api/absenceManagement/v4/<tenantName>/workers/{{worker_id}}/correctTimeOffEntry'