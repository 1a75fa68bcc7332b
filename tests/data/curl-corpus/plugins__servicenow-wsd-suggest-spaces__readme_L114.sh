curl --location 'https://<YOUR_INSTANCE>/api/sn_wsd_rsv/v1/search/available_spaces?building_id=<BUILDING_SYS_ID>&start_date_time=2026-05-30T16%3A00%3A00Z&end_date_time=2026-05-30T17%3A00%3A00Z&capacity=1' \
  --header 'Authorization: Bearer <ACCESS_TOKEN>' \
  --header 'Accept: application/json'