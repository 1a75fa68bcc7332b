curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_concierge/presence/collaborator' \
  --request POST \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json' \
  --data '{
    "collaborator_ids": ["<resolved_user_sys_id>"]
  }'