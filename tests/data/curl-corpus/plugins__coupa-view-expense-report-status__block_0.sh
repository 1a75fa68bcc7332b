curl --request GET \
  --url 'https://your-domain.com/api/expense_reports' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'