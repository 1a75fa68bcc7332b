curl -X POST \
  "https://<TENANT_HOST_NAME>.successfactors.com/oauth/token" \
  -H "Content-Type: application/x-www-form-urlencoded" \
  -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer" \
  -d "client_id=<API_KEY>" \
  -d "company_id=<COMPANY_ID>" \
  -d "assertion=<BASE64_SAML_ASSERTION>"