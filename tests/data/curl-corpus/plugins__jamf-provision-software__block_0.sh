curl --location 'https://<YOUR_INSTANCE>/JSSResource/users/email/{{email}}'\
--header 'authorization: Bearer <ACCESS_TOKEN>' \
--header 'accept: application/json' \