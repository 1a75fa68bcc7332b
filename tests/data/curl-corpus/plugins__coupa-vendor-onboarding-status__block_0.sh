curl --request GET \
  --url 'https://your-domain.com/api/suppliers' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'