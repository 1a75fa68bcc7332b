curl --location 'https://<your-instance>/ccx/api/common/v1/{{TENANT}}/supervisoryOrganizations' \
--header 'Authorization: Bearer <your-access-token>'