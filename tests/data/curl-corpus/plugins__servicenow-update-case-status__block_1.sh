curl --location 'https://<your-instance>.service-now.com/api/now/table/incident?number=<incident-number>' \
--header 'Authorization: Bearer <your-access-token>'