curl --request GET \
  --url 'https://your-domain.com/api/expensereports/v4/users/{userId}/context/MANAGER/reportsToApprove' \
  --header 'Accept: application/json' \
  --header 'Authorization: BEARER {token}'