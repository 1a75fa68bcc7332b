curl --request GET \
     --url https://app.asana.com/api/1.0/workspaces \
     --header 'accept: application/json'