curl --location 'https://<YOUR_DOMAIN>/services/data/v63.0/process/approvals/' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \
--data '{
"requests": [
{
"actionType": "Submit",
"contextId": "<QUOTE_ID>",
"comments": "<COMMENTS>",
"contextActorId": "<CONTEXT_ACTOR_ID>",
"skipEntryCriteria": "<TRUE_OR_FALSE>"
}
]
}'