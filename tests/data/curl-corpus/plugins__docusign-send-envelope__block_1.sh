curl --request GET \
  --url 'https://<<DOMAIN NAME (like demo.docusign.net)>>/restapi/v2.1/accounts/{accountId}/templates' \
  --header 'Accept: application/json' \
  --header 'Authorization: YOUR_BEARER_TOKEN'