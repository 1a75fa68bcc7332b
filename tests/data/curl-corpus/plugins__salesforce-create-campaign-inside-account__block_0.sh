curl --location 'https://<YOUR_INSTANCE>/services/data/v60.0/query/?q=SELECT+Id+FROM+Account+WHERE+Name= <Account_Name>' \
--header 'Authorization: Bearer <ACCESS_TOKEN>' \
--header 'Content-Type: application/json' \