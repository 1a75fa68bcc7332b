// A real OAuth 2.0 server for connspec's runtime tests: oidc-provider (pinned in package.json).
// Usage: PORT=4010 node tests/peers/oidc-server.mjs  -> POST http://127.0.0.1:4010/token
// Clients (client credentials): `ci-basic` (client_secret_basic) and `ci-post`
// (client_secret_post); their secrets are `<id>-secret`. Test-only values.
// Authorization code + PKCE (required): `ci-web` (client_secret_basic, secret `ci-web-secret`),
// a native client, so any port of http://127.0.0.1/callback; login and consent through the
// built-in dev interaction pages (POST prompt=login login=<any> password=<any>, then POST
// prompt=consent); it always gets a refresh token.
import Provider, { errors } from 'oidc-provider';

const PORT = Number(process.env.PORT || 4010);
const ISSUER = `http://127.0.0.1:${PORT}`;
const RESOURCE = process.env.RESOURCE || 'urn:connector:test-api';
const SCOPES = 'api:read api:write';

const provider = new Provider(ISSUER, {
  scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
  clients: [
    {
      client_id: 'ci-basic', client_secret: 'ci-basic-secret',
      grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic', scope: SCOPES,
    },
    {
      client_id: 'ci-post', client_secret: 'ci-post-secret',
      grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post', scope: SCOPES,
    },
    {
      client_id: 'ci-web', client_secret: 'ci-web-secret',
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'],
      token_endpoint_auth_method: 'client_secret_basic', scope: `openid offline_access ${SCOPES}`,
    },
  ],
  pkce: { required: () => true },
  issueRefreshToken: (ctx, client) => client.clientId === 'ci-web',
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator) => {
        if (resourceIndicator !== RESOURCE) throw new errors.InvalidTarget();
        return { scope: SCOPES, audience: RESOURCE, accessTokenTTL: 300, accessTokenFormat: 'jwt' };
      },
    },
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.listen(PORT, '127.0.0.1', () => console.log(`oidc-provider listening on ${ISSUER}`));
