curl -i -X GET \
  https://{YOUR_INSTANCE}.okta.com/api/v1/users \
  -H "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE"