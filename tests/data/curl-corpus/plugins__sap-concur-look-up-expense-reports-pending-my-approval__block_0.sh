curl --request POST \
  --url 'https://your-domain.com/profile/identity/v4.1/Users/.search' \
  --header 'Accept: application/json' \
  --header 'Authorization: BEARER {token}'