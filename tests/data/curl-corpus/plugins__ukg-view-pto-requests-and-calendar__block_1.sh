curl --request GET \
  --url https://<YOUR_UKG_HOST>/api/v1/commons/hyperfind \
  --header 'Authorization: <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json'