curl --request GET \
  --url 'https://your-domain.com/api/approvals' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'