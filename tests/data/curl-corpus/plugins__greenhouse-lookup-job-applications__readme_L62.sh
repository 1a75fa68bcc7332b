curl --request GET \
  --url 'https://boards-api.greenhouse.io/v1/boards/{board_token}/jobs'\