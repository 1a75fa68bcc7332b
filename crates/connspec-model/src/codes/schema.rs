//! Codes the schema check emits, and the I/O code for files that cannot be read.

use connspec_diagnostics::{Code, Family};

pub static UNKNOWN_KEY: Code = Code {
    code: "S010",
    name: "unknown-key",
    family: Family::Syntax,
    summary: "a key the spec format does not define",
    explanation: r#"## What it does
Reports a key that is not allowed where it is written, and suggests the closest allowed key.

## Why is this bad?
A misspelt key is silently ignored by tools that do not check, so the setting the author meant
never reaches Agent Studio: a connector without its client secret, an action without its
header.

## Example
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://acme.coupahost.com/oauth2/token
  clent_id: "{{ secrets.COUPA_CLIENT_ID }}"
```

## Use instead
```yaml
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
```
"#,
};

pub static MISSING_KEY: Code = Code {
    code: "S011",
    name: "missing-key",
    family: Family::Syntax,
    summary: "a required key is missing",
    explanation: r#"## What it does
Reports a mapping that lacks a key the spec format requires there, such as `token_url` for an
OAuth2 grant or `authorization_url` for the authorization code grant.

## Why is this bad?
Agent Studio cannot save a connector without its required fields, and a live test cannot obtain
a token without them.

## Example
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
```

## Use instead
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: "{{ secrets.COUPA_CLIENT_ID }}"
  client_secret: "{{ secrets.COUPA_CLIENT_SECRET }}"
```
"#,
};

pub static WRONG_TYPE: Code = Code {
    code: "S012",
    name: "wrong-type",
    family: Family::Syntax,
    summary: "a value has the wrong type (text, number, list, mapping)",
    explanation: r#"## What it does
Reports a value whose type is not the one the spec format expects there: a single string where
a list of scopes belongs, a mapping where a URL belongs.

## Why is this bad?
The value cannot be used as written; guessing (splitting a string into scopes, say) would hide
mistakes such as comma-separated scopes.

## Example
```yaml
scopes: core.expense.read core.approval.read
```

## Use instead
```yaml
scopes: [core.expense.read, core.approval.read]
```
"#,
};

pub static INVALID_VALUE: Code = Code {
    code: "S013",
    name: "invalid-value",
    family: Family::Syntax,
    summary: "a value is not one of the allowed values or out of range",
    explanation: r#"## What it does
Reports a value outside what the spec format allows: an unknown auth `type` or `grant_type`,
an HTTP method Agent Studio does not offer, a secret name in lower case, `spec_version: 2`.

## Why is this bad?
Each allowed value maps to an exact Agent Studio option; anything else cannot be compiled.

## Example
```yaml
auth:
  type: oauth2
  grant_type: client_credential
```

## Use instead
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
```
"#,
};

pub static UNREADABLE_FILE: Code = Code {
    code: "I001",
    name: "unreadable-file",
    family: Family::Io,
    summary: "a file or directory could not be read",
    explanation: r#"## What it does
Reports a path given on the command line (or found in a directory) that cannot be read: it does
not exist, permission is denied, or it is not a regular file.

## Why is this bad?
A file that is not checked could hide any mistake; `connspec check` exits with status 2 so a CI
pipeline does not mistake it for a pass.

## Example
```sh
connspec check connectors/coupa/expense-report.yaml   # the file is expense-reports.yaml
```

## Use instead
```sh
connspec check connectors/coupa/expense-reports.yaml
```
"#,
};
