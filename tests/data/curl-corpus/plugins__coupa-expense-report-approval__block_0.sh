curl --request PUT \
  --url 'https://your-domain.com/api/approvals/<approval_id>/approve' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'