curl --request PUT \
  --url 'https://your-domain.com/api/requisitions' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'