curl --location 'https://<YOUR_INSTANCE>/odata/v2/PicklistOption?%24filter=picklist%20eq%20%27PersonPronouns%27&%24select=id%2CexternalCode' \
--header 'Authorization: Bearer \
--header 'Accept: application/json' \