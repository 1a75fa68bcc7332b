curl --location 'https://<YOUR_INSTANCE>/odata/v2/JobOffer?%24filter=applicationId%20eq%20<APPLICATION_ID>' \
--header 'Accept: application/json' \
--header 'Authorization: Bearer' 
--header 'Content-Type: application/json' \