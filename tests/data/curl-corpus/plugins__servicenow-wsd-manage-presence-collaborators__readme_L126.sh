curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_concierge/presence/collaborator/<collaborator_sys_id>' \
  --request DELETE \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'