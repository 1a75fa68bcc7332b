curl --location 'https://<YOUR_DOMAIN>/rest/api/3/user/search?query={{assignee_name}}' \
--header 'Authorization: Basic <API_TOKEN>' \
--header 'Accept: application/json'