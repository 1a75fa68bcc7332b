curl --request GET \
  --url 'https://your-domain.com/api/users' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'