curl --location "https://<YOUR_INSTANCE>/api/v1/groups/<GROUP_ID>/apps" \
--header "Authorization: Bearer <ACCESS_TOKEN>" \
--header "Accept: application/json"