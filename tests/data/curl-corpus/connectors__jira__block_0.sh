curl --request GET \
  --url 'https://<your-site>.atlassian.net/rest/api/3/project' \
  --user 'email@example.com:<api_token>' \
  --header 'Accept: application/json'