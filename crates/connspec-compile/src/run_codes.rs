//! The codes of live runs (`connspec test`): the R family. Codes are stable: never renumber or
//! reuse one. [`ALL`] is the one table of them.
//!
//! They are declared here, in a static crate, and not in the runtime that emits them, so the
//! language server can accept a `connspec.toml` that selects or ignores them without depending
//! on the runtime (`connspec_runtime::codes` re-exports them).

use connspec_diagnostics::{Code, Family};

pub static TOKEN_REQUEST_FAILED: Code = Code {
    code: "R001",
    name: "token-request-failed",
    family: Family::Run,
    summary: "the token endpoint refused or could not be reached",
    explanation: r#"## What it does
Reports a token request that did not give an access token: an OAuth 2.0 error such as
`invalid_client`, `invalid_scope` or `unsupported_grant_type`, an error status (429, 502, 503
and 504 are retried with backoff first), a redirect (token requests never follow one), a response
without the access token key or over 1 MiB, a timeout or a dropped connection. A token host
that does not resolve, refuses the connection or fails the TLS handshake is R008, R009 or R010
instead. The diagnostic sits on the spec's `auth` section and names the client authentication
that was tried.

## Why is this bad?
Without a token no action can run; Agent Studio would fail the same way when the connector is
first used.

## Example
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"   # an outdated secret: invalid_client
  scopes: [core.expense.read]
```

## Use instead
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"   # the client's current secret
  scopes: [core.expense.read]
```
"#,
};

pub static REQUEST_FAILED: Code = Code {
    code: "R002",
    name: "request-failed",
    family: Family::Run,
    summary: "an action's request got no response",
    explanation: r#"## What it does
Reports an action whose request got no HTTP response: a dropped connection, the 60-second
timeout of Agent Studio (`--timeout`), or the run's overall deadline (`--deadline`). Dropped
connections, 429, 502, 503 and 504 are retried with exponential backoff first (honouring `Retry-After`);
this is reported when the attempts are used up. A host that does not resolve, a refused
connection and a failed TLS handshake have their own codes: R008, R009 and R010.

## Why is this bad?
Agent Studio would time out or fail the same way, and the agent would tell the user the action
failed.

## Example
```yaml
actions:
  export_everything:
    method: GET
    path: /api/invoices          # takes minutes: over the 60-second timeout
```

## Use instead
```yaml
actions:
  recent_invoices:
    method: GET
    path: /api/invoices
    query: { limit: 50, order_by: id, dir: desc }
```
"#,
};

pub static UNEXPECTED_STATUS: Code = Code {
    code: "R003",
    name: "unexpected-status",
    family: Family::Run,
    summary: "an action's response status is not the expected one",
    explanation: r#"## What it does
Reports an action whose response status differs from `expect.status` (a code such as `200` or a
class such as `2xx`; without `expect.status`, any 2xx passes). A 403 usually means the token
lacks the scope the route needs; a 401 survives one re-minted token.

## Why is this bad?
The action returns an error instead of data, so the agent cannot answer.

## Example
```yaml
auth:
  scopes: [core.expense.read]          # core.approval.read is missing: 403
actions:
  list_approvals:
    method: GET
    path: /api/approvals
    expect: { status: 200 }
```

## Use instead
```yaml
auth:
  scopes: [core.expense.read, core.approval.read]
actions:
  list_approvals:
    method: GET
    path: /api/approvals
    expect: { status: 200 }
```
"#,
};

pub static EXPECTATION_FAILED: Code = Code {
    code: "R004",
    name: "expectation-failed",
    family: Family::Run,
    summary: "a response body does not meet the action's `expect`",
    explanation: r#"## What it does
Reports a response body that is not JSON where `expect` asks for JSON, whose JSON type is not
`expect.json`, that fails `expect.schema` (JSON Schema draft 2020-12), or that fails one of
`expect.checks` (`path` with `equals`, `exists` or `matches`). The diagnostic points at the
`expect` entry that failed.

## Why is this bad?
The action answers, but not with what the agent's plugin reads, e.g. XML because the
`Accept: application/json` header is missing.

## Example
```yaml
list_expense_reports:
  method: GET
  path: /api/expense_reports     # Coupa answers XML without Accept
  expect: { json: array }
```

## Use instead
```yaml
list_expense_reports:
  method: GET
  path: /api/expense_reports
  headers: { Accept: application/json }
  expect: { json: array }
```
"#,
};

pub static RESPONSE_TOO_LARGE: Code = Code {
    code: "R005",
    name: "response-over-agent-studio-limit",
    family: Family::Run,
    summary: "a response body is larger than Agent Studio's 200 KB limit",
    explanation: r#"## What it does
Warns when a response body is larger than 200 KB, the largest response Agent Studio hands to
the agent. The check is always on.

## Why is this bad?
Agent Studio rejects the response, so the action fails in production although it works here.

## Example
```yaml
list_invoices:
  method: GET
  path: /api/invoices              # full records, 50 per page
```

## Use instead
```yaml
list_invoices:
  method: GET
  path: /api/invoices
  query:
    fields: '["id","invoice-number","status"]'
    limit: 20
```
"#,
};

pub static SLOW_RESPONSE: Code = Code {
    code: "R006",
    name: "slow-response",
    family: Family::Run,
    summary: "an action took longer than `expect.max_latency_ms`",
    explanation: r#"## What it does
Reports an action whose response took longer than `expect.max_latency_ms` (measured from the
request of the successful attempt to the end of its body).

## Why is this bad?
The agent waits for every action; slow actions make slow conversations, and Agent Studio gives
up after 60 seconds.

## Example
```yaml
expect: { max_latency_ms: 50 }     # the endpoint takes 300 ms
```

## Use instead
```yaml
expect: { max_latency_ms: 1000 }
```
"#,
};

pub static UNSUPPORTED_AUTH: Code = Code {
    code: "R007",
    name: "unsupported-live-auth",
    family: Family::Run,
    summary: "the runtime cannot authenticate this way yet",
    explanation: r#"## What it does
Reports an auth type or grant that `connspec test` cannot drive yet (`jwks`, `on_prem`,
`saml_bearer`, or `authorization_code` without a stored `connspec login`).

## Why is this bad?
No action can run without authentication; the connector is still compiled and checked
statically.

## Example
```yaml
auth:
  type: on_prem
```

## Use instead
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.CLIENT_ID }}"
  client_secret: "{{ secrets.CLIENT_SECRET }}"
```
"#,
};

pub static DNS_LOOKUP_FAILED: Code = Code {
    code: "R008",
    name: "dns-lookup-failed",
    family: Family::Run,
    summary: "a host name of the spec or instance does not resolve",
    explanation: r#"## What it does
Reports a request (an action's or the token request) whose host name did not resolve to an
address: a typo in the instance's domain, a tenant that does not exist, a name only a VPN or
an internal DNS server knows, or no DNS at all. Names under `.invalid` are refused at once,
without asking any DNS server (RFC 6761). Lookups are retried like other connection errors.

## Why is this bad?
No request reaches the API; Agent Studio, which resolves names on the public internet, fails
the same way for a name that only resolves inside a company network.

## Example
```yaml
# instance file
values:
  domain: acme-tset.coupahost.com    # a typo: no such host
```

## Use instead
```yaml
# instance file
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub static CONNECTION_REFUSED: Code = Code {
    code: "R009",
    name: "connection-refused",
    family: Family::Run,
    summary: "nothing accepts connections at the host and port",
    explanation: r#"## What it does
Reports a request (an action's or the token request) whose TCP connection was refused: the
host resolves, but nothing listens on that port, or a firewall rejects the connection. Refused
connections are retried with backoff (a restarting server comes back); this is reported when
the attempts are used up.

## Why is this bad?
No request reaches the API; usually the port in the base URL or the instance's domain is
wrong, or the service is down.

## Example
```yaml
base_url: https://{{ instance.domain }}:8444   # nothing listens there
```

## Use instead
```yaml
base_url: https://{{ instance.domain }}
```
"#,
};

pub static TLS_FAILED: Code = Code {
    code: "R010",
    name: "tls-handshake-failed",
    family: Family::Run,
    summary: "the TLS handshake failed, e.g. an untrusted certificate",
    explanation: r#"## What it does
Reports a request (an action's or the token request) whose TLS handshake failed: a
certificate signed by a CA that is not trusted (self-signed, a company proxy's CA, or not the
`--cacert` given), a certificate for another name, an expired one, or a server that does not
speak TLS. Certificate verdicts do not change on a second try, so these are not retried.

## Why is this bad?
connspec never sends credentials over a connection it cannot authenticate, and neither does
Agent Studio, which trusts only public CAs.

## Example
```yaml
base_url: https://{{ instance.domain }}   # the host serves a self-signed certificate
```

## Use instead
```yaml
# give the server a certificate from a public CA; for a local test server, trust its CA
# explicitly: connspec test spec.yaml --instance local.yaml --cacert local-ca.pem
base_url: https://{{ instance.domain }}
```
"#,
};

pub static REPLAY_MISMATCH: Code = Code {
    code: "R011",
    name: "replay-mismatch",
    family: Family::Run,
    summary: "a replayed request is not in the cassette",
    explanation: r#"## What it does
Reports an action (or a token request) of `connspec test --replay` whose request matches no
recorded one: the replay server compares the method, the URL with its query, the headers
(volatile ones such as `User-Agent` aside, secrets by their placeholders) and the body with
every request of the cassette, and answers with the nearest one and how it differs. The
finding is at the part of the action that differs, e.g. the query parameter.

## Why is this bad?
The spec no longer sends what was recorded, so the recorded response says nothing about
what the API would answer now: the spec changed (on purpose or not) since the recording.

## Example
```yaml
# recorded with `status: pending_approval`, then edited:
actions:
  list_pending:
    method: GET
    path: /api/approvals
    query:
      status: approved
```

## Use instead
```yaml
# undo the edit, or record again against a live instance:
#   connspec test spec.yaml --instance acme-test.yaml --record cassettes/
actions:
  list_pending:
    method: GET
    path: /api/approvals
    query:
      status: pending_approval
```
"#,
};

/// Every code of this crate, in code order.
pub static ALL: &[&Code] = &[
    &TOKEN_REQUEST_FAILED,
    &REQUEST_FAILED,
    &UNEXPECTED_STATUS,
    &EXPECTATION_FAILED,
    &RESPONSE_TOO_LARGE,
    &SLOW_RESPONSE,
    &UNSUPPORTED_AUTH,
    &DNS_LOOKUP_FAILED,
    &CONNECTION_REFUSED,
    &TLS_FAILED,
    &REPLAY_MISMATCH,
];
