curl --location 'https://api.github.com/users/{{github_username}}/repos' \
--header 'Authorization: Bearer {{github_classic_token}}'