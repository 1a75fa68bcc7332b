curl https://app.asana.com/api/1.0/users/me \
  -H "Authorization: Bearer {{YOUR_PERSONAL_ACCESS_TOKEN}}"