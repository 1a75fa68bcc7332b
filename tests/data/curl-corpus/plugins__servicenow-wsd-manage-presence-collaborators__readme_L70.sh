curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_core/wsd_unified_search/users_and_locations' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Content-Type: application/json' \
  --data '{
    "search_term": "Alex Rivera",
    "filterConfig": {"sys_user": "manager=<manager_sys_id>^ORmanager=<requester_sys_id>^ORsys_id=<manager_sys_id>^sys_id!=<requester_sys_id>"},
    "options": {},
    "sysparam_offset": 0,
    "sysparam_limit": 25
  }'