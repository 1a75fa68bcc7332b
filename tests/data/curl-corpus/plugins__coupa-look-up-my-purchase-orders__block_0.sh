curl --request GET \
  --url 'https://your-domain.com/api/purchase_orders' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'