curl -X GET \
"https://<your-instance>.service-now.com/api/now/table/incident?sysparm_limit=1" \
-H "Authorization: Bearer <your_access_token>" \
-H "Accept: application/json"