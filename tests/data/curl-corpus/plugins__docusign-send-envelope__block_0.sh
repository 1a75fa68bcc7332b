curl --request GET \
  --url 'https://<<DOMAIN NAME (like api-d.docusign.net)>>/Management/v2.1/organizations/{organizationId}/users/{userId}/dsprofile' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'