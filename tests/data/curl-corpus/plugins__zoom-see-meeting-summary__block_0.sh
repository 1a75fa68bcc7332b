curl --request GET \
  --url 'https://<Zoom_Host_Name>/v2/report/users/{{email}}/meetings' \
  --header 'Authorization: Bearer YOUR_SECRET_TOKEN'