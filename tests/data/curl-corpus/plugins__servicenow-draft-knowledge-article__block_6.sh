curl --location 'https://<YOUR_DOMAIN>/api/now/table/kb_knowledge_base' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Accept: application/json' \
--header 'Content-Type: application/json'