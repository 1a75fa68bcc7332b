curl --request PUT \
  --url 'https://your-domain.com/api/approvals/<approval_id>/reject' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'