//! The codes of live runs (`connspec test`): the R family. Codes are stable: never renumber or
//! reuse one. [`ALL`] is the one table of them.

use connspec_diagnostics::{Code, Family};

pub static TOKEN_REQUEST_FAILED: Code = Code {
    code: "R001",
    name: "token-request-failed",
    family: Family::Run,
    summary: "the token endpoint refused or could not be reached",
    explanation: r#"## What it does
Reports a token request that did not give an access token: an OAuth 2.0 error such as
`invalid_client`, `invalid_scope` or `unsupported_grant_type`, a redirect (token requests never
follow one), a response without the access token key, or a connection failure. The diagnostic
sits on the spec's `auth` section and names the client authentication that was tried.

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
Reports an action whose request got no HTTP response: a connection refused or dropped, a TLS
error, the 60-second timeout of Agent Studio, or the run's overall deadline. Connection errors,
429 and 503 are retried with exponential backoff first (honouring `Retry-After`); this is
reported when the attempts are used up.

## Why is this bad?
Agent Studio would time out or fail the same way, and the agent would tell the user the action
failed.

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

/// Every code of this crate, in code order.
pub static ALL: &[&Code] = &[
    &TOKEN_REQUEST_FAILED,
    &REQUEST_FAILED,
    &UNEXPECTED_STATUS,
    &EXPECTATION_FAILED,
    &RESPONSE_TOO_LARGE,
    &SLOW_RESPONSE,
    &UNSUPPORTED_AUTH,
];
