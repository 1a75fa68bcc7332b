curl -X GET \
  "https://apisalesdemo8.successfactors.com/odata/v2/User('{{userId}}')?$select=userId,firstName,lastName,email&$format=json" \
  -H "Authorization: Bearer <access_token>" \
  -H "Accept: application/json"