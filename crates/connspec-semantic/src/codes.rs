//! The codes of template and instance faults: one code per fault, whichever stage finds it.
//!
//! `connspec check` (through the lint rules that forward these), `connspec check --instance`,
//! `connspec compile` and `connspec test` all report a template or instance fault from this
//! one table, with the same span, because they all take it from the semantic layer. Codes are
//! stable: never renumber or reuse one. [`RETIRED`] maps the codes that earlier versions gave
//! the same faults at compile time to the code that now reports them.

use connspec_diagnostics::{Code, Family};

pub static TEMPLATE_SYNTAX: Code = Code {
    code: "T001",
    name: "template-syntax-error",
    family: Family::Template,
    summary: "a template cannot be parsed",
    explanation: r#"## What it does
Reports a template that minijinja cannot parse, at the column of the fault inside the
YAML string.

## Why is this bad?
The value cannot be rendered for any target, so neither Agent Studio settings nor a live
test can be produced from it.

## Example
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }
auth: { type: none }
actions:
  list: { method: GET, path: /items }
```

## Use instead
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }}
auth: { type: none }
actions:
  list: { method: GET, path: /items }
```
"#,
};

pub static UNDEFINED_VARIABLE: Code = Code {
    code: "T002",
    name: "undefined-variable",
    family: Family::Template,
    summary: "a template uses a variable that is not declared",
    explanation: r#"## What it does
Reports a template variable that is not declared: an instance parameter or secret
that the spec does not declare, a misspelt namespace, or a namespace used where it is
not defined (`inputs` and `meta_info` exist only in actions). Suggests the closest
declared name.

## Why is this bad?
Rendering is strict: an undefined variable fails the compile and the live test, and a
lenient renderer would silently produce `https:///oauth2/token`.

## Example
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domian }}
auth: { type: none }
actions:
  list: { method: GET, path: /items }
```

## Use instead
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }}
auth: { type: none }
actions:
  list: { method: GET, path: /items }
```
"#,
};

pub static UNDECLARED_INPUT: Code = Code {
    code: "T005",
    name: "undeclared-input",
    family: Family::Template,
    summary: "a template uses an input the action does not declare",
    explanation: r#"## What it does
Reports `{{ inputs.NAME }}` where the action declares no input `NAME`, and suggests the
closest declared input.

## Why is this bad?
Agent Studio only fills in declared input arguments; the request would be sent with the
placeholder unfilled or fail to render.

## Example
```yaml
spec_version: 1
name: demo
base_url: https://api.example.com
auth: { type: none }
actions:
  get_item:
    method: GET
    path: /items/{{ inputs.item_id }}
    inputs:
      id: { type: integer, required: true }
```

## Use instead
```yaml
spec_version: 1
name: demo
base_url: https://api.example.com
auth: { type: none }
actions:
  get_item:
    method: GET
    path: /items/{{ inputs.id }}
    inputs:
      id: { type: integer, required: true }
```
"#,
};

pub static SECRET_IN_PRINTED_FIELD: Code = Code {
    code: "T006",
    name: "secret-in-printed-field",
    family: Family::Template,
    summary: "a secret is used where its value would be printed",
    explanation: r#"## What it does
Reports a secret used in a field whose value is printed and stored in plain text: the base
URL, a token or authorization URL, the authorization query, a scope, an action's path,
query, headers or body, and the SAML assertion's public fields. Secrets belong in the auth
config's credential fields, the token request, the client certificate or `common_headers`,
which Agent Studio stores encrypted. Any use of the secret counts: a slice, a filter or a
concatenation carries the secret's value along.

## Why is this bad?
URLs, action headers and bodies end up in logs, browser histories, proxies and Agent
Studio's action editor. A secret there leaks.

## Example
```yaml
spec_version: 1
name: demo
secrets: [API_KEY]
base_url: https://api.example.com
auth: { type: none }
actions:
  list:
    method: GET
    path: /items
    query: { api_key: "{{ secrets.API_KEY }}" }
```

## Use instead
```yaml
spec_version: 1
name: demo
secrets: [API_KEY]
base_url: https://api.example.com
auth:
  type: api_key
  placement: header
  header_name: X-Api-Key
  value_pattern: "%s"
  key: "{{ secrets.API_KEY }}"
actions:
  list: { method: GET, path: /items }
```
"#,
};

pub static MISSING_INSTANCE_VALUE: Code = Code {
    code: "T010",
    name: "missing-instance-value",
    family: Family::Template,
    summary: "an instance file gives no value for a required instance parameter",
    explanation: r#"## What it does
For a spec and an instance file (`connspec check` with the instance paired or given with
`--instance`, `compile`, `test`), reports an instance parameter of the spec that has no default
and no value in the instance file (or `--set`).

## Why is this bad?
Rendering is strict: compile and live tests fail for this instance.

## Example
```yaml
# spec: instance: { domain: { format: hostname } }
instance_version: 1
values: {}
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub static UNKNOWN_INSTANCE_VALUE: Code = Code {
    code: "T011",
    name: "unknown-instance-value",
    family: Family::Template,
    summary: "an instance file gives a value the spec does not declare",
    explanation: r#"## What it does
For a spec and an instance file (`check`, `compile`, `test` alike), reports a value (or a
`--set`) for a parameter the spec does not declare, suggesting the closest declared one.

## Why is this bad?
It is usually a misspelt parameter, so the intended one is missing; or it is left over from an
older spec.

## Example
```yaml
instance_version: 1
values:
  domian: acme-test.coupahost.com
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub static INVALID_INSTANCE_VALUE: Code = Code {
    code: "T012",
    name: "invalid-instance-value",
    family: Family::Template,
    summary: "an instance value does not have the parameter's format",
    explanation: r#"## What it does
For a spec and an instance file (`check`, `compile`, `test` alike), reports a value that does
not match its parameter's `format`: a `hostname` with a scheme or a path, a `url` that is not
an absolute `https://` URL, an `integer` that is not one; and, for a provider with a catalogue,
a host that is not one of its instances. Loopback hosts are allowed only in an instance marked
`sandbox: true` (or with `--allow-host`).

## Why is this bad?
`https://{{ instance.domain }}` with `domain: https://acme.coupahost.com/` renders
`https://https://acme.coupahost.com/`.

## Example
```yaml
instance_version: 1
values:
  domain: https://acme-test.coupahost.com/
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme-test.coupahost.com
```
"#,
};

pub static MISSING_SECRET_SOURCE: Code = Code {
    code: "T013",
    name: "missing-secret-source",
    family: Family::Template,
    summary: "an instance file does not say where a declared secret comes from",
    explanation: r#"## What it does
For a spec and an instance file, reports a secret the spec declares that the instance's
`secrets` does not map to a source, and sources for secrets the spec does not declare. Both are
warnings: compiled settings need no secret values, and a live run that needs one refuses on its
own (T109).

## Why is this bad?
A live test cannot obtain the value, and an unknown source is usually a misspelt name.

## Example
```yaml
instance_version: 1
values: { domain: acme-test.coupahost.com }
secrets:
  COUPA_CLIENT_ID: env:COUPA_CLIENT_ID
```

## Use instead
```yaml
instance_version: 1
values: { domain: acme-test.coupahost.com }
secrets:
  COUPA_CLIENT_ID: env:COUPA_CLIENT_ID
  COUPA_CLIENT_SECRET: env:COUPA_CLIENT_SECRET
```
"#,
};

pub static TEMPLATE_LIMIT: Code = Code {
    code: "T105",
    name: "template-limit-exceeded",
    family: Family::Template,
    summary: "a template needs too much work or renders too much text",
    explanation: r#"## What it does
Reports a template that runs out of fuel (too many loop iterations or too much data), nests
macros too deeply, or renders more text than one field may hold (64 KiB).

## Why is this bad?
Connector fields are short strings. A template that loops or grows without bound is a
mistake or an attack; rendering stops instead of hanging or exhausting memory.

## Example
```yaml
base_url: "https://{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
```

## Use instead
```yaml
base_url: https://{{ instance.domain }}
```
"#,
};

pub static TEMPLATE_RENDER: Code = Code {
    code: "T106",
    name: "template-render-error",
    family: Family::Template,
    summary: "a template fails while rendering",
    explanation: r#"## What it does
Reports a template that parses but fails while rendering: a filter applied to the wrong type,
a division by zero, an unknown filter or function.

## Why is this bad?
The field has no value, so the connector cannot be compiled.

## Example
```yaml
base_url: https://{{ instance.domain | no_such_filter }}
```

## Use instead
```yaml
base_url: https://{{ instance.domain | lower }}
```
"#,
};

pub static INEXPRESSIBLE_TEMPLATE: Code = Code {
    code: "M005",
    name: "template-not-expressible",
    family: Family::Target,
    summary: "a template transforms an input, secret or `meta_info` value, which Agent Studio cannot express",
    explanation: r#"## What it does
Reports a filter (`{{ inputs.x | upper }}`), an expression (`{{ inputs.a ~ 'x' }}`,
`{{ secrets.KEY[0:6] }}`) or a statement (`{% if inputs.x %}`) that uses an action input, a
secret or `meta_info`. Those values exist only when Agent Studio runs the action, and Agent
Studio substitutes them as they are. Expressions over instance values are fine: connspec
evaluates them when it compiles.

## Why is this bad?
The expression can be evaluated for a live test but not reproduced in the pasted connector,
so the two would send different requests. `check`, `compile` and `test` refuse it alike.

## Example
```yaml
spec_version: 1
name: demo
base_url: https://api.example.com
auth: { type: none }
actions:
  search:
    method: GET
    path: /items
    query: { q: "{{ inputs.term | lower }}" }
    inputs:
      term: { type: string }
```

## Use instead
```yaml
spec_version: 1
name: demo
base_url: https://api.example.com
auth: { type: none }
actions:
  search:
    method: GET
    path: /items
    query: { q: "{{ inputs.term }}" }
    inputs:
      term: { type: string }
```
"#,
};

pub static UNRENDERED_TEMPLATE: Code = Code {
    code: "T008",
    name: "unrendered-template",
    family: Family::Template,
    summary: "template syntax would reach an output as text",
    explanation: r#"## What it does
Reports `{{ … }}` or `{% … %}` in a field that connspec copies into its outputs as written
(names, descriptions, header names and value patterns, token response keys, the custom grant
type: only the fields the spec's schema calls templates are rendered), and a template whose
rendered text holds `{{`, `{%` or `{#` (`{{ '{{CLIENT_SECRET}}' }}`, or an instance value with
braces).

## Why is this bad?
The braces would reach the pasted Agent Studio settings as literal text, where nothing
substitutes them, so the connector would send or show `{{ instance.domain }}` itself. Worse,
Agent Studio, Postman and Hurl substitute `{{ … }}` themselves: rendered text such as
`{{CLIENT_SECRET}}` becomes a variable reference there, and Postman would send the secret in
a query string.

## Example
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }}
auth:
  type: api_key
  placement: header
  header_name: "X-{{ instance.domain }}"
  value_pattern: "%s"
  key: "{{ secrets.API_KEY }}"
secrets: [API_KEY]
actions:
  list: { method: GET, path: /items }
```

## Use instead
```yaml
spec_version: 1
name: demo
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }}
auth:
  type: api_key
  placement: header
  header_name: X-Api-Key
  value_pattern: "%s"
  key: "{{ secrets.API_KEY }}"
secrets: [API_KEY]
actions:
  list: { method: GET, path: /items }
```
"#,
};

pub static UNTRUSTED_HOST: Code = Code {
    code: "T014",
    name: "untrusted-host",
    family: Family::Template,
    summary: "credentials would go to a host that only the spec names",
    explanation: r#"## What it does
For a spec and an instance, resolves every URL that receives credentials (the token URL, the
base URL of an authenticated connector, the revoke and IdP URLs) and reports a host that
nothing but the spec vouches for: not a value of the instance file, not in its
`allowed_hosts`, not given with `--allow-host`, and not a host of the provider catalogue's
patterns whose tenant the instance names (`acme.coupahost.com` when a value is `acme` or the
whole host; another organisation's `other.coupahost.com` is not vouched for by the pattern
alone). A loopback host needs an instance marked `sandbox: true`.
`check --instance` and `compile` warn; `connspec test` and `connspec login` refuse before any
request.

## Why is this bad?
In CI the spec may come from an untrusted pull request while the instance file and the secrets
belong to the team. A changed token URL would hand the client secret to whoever wrote it.

## Example
```yaml
# spec: token_url: https://login.example.net/oauth2/token
# instance file
instance_version: 1
values: { domain: acme.example.com }
```

## Use instead
```yaml
instance_version: 1
values: { domain: acme.example.com }
allowed_hosts: [login.example.net]
```
"#,
};

/// Every code the semantic layer reports, in code order.
pub static ALL: &[&Code] = &[
    &TEMPLATE_SYNTAX,
    &UNDEFINED_VARIABLE,
    &UNDECLARED_INPUT,
    &SECRET_IN_PRINTED_FIELD,
    &UNRENDERED_TEMPLATE,
    &MISSING_INSTANCE_VALUE,
    &UNKNOWN_INSTANCE_VALUE,
    &INVALID_INSTANCE_VALUE,
    &MISSING_SECRET_SOURCE,
    &UNTRUSTED_HOST,
    &TEMPLATE_LIMIT,
    &TEMPLATE_RENDER,
    &INEXPRESSIBLE_TEMPLATE,
];

/// Static faults every command refuses: `compile` and `test` cannot render a field with one,
/// so `connspec.toml` cannot turn them off and a suppression comment cannot hide them, or
/// `check` would pass what `compile` refuses.
pub static ALWAYS_REPORTED: &[&Code] = &[
    &TEMPLATE_SYNTAX,
    &UNDEFINED_VARIABLE,
    &UNDECLARED_INPUT,
    &SECRET_IN_PRINTED_FIELD,
    &UNRENDERED_TEMPLATE,
    &INEXPRESSIBLE_TEMPLATE,
];

/// Whether `code` is one of [`ALWAYS_REPORTED`].
pub fn always_reported(code: &Code) -> bool {
    ALWAYS_REPORTED.iter().any(|c| c.code == code.code)
}

/// Codes that `connspec compile` once gave faults that `check` reported under another code,
/// and the code that reports them now. `connspec explain` follows them, so a CI log or a
/// suppression comment that names an old code still leads somewhere.
pub static RETIRED: &[(&str, &Code)] = &[
    ("T101", &TEMPLATE_SYNTAX),
    ("T102", &UNDEFINED_VARIABLE),
    ("T103", &MISSING_INSTANCE_VALUE),
    ("T104", &SECRET_IN_PRINTED_FIELD),
    ("T107", &INEXPRESSIBLE_TEMPLATE),
    ("T108", &UNKNOWN_INSTANCE_VALUE),
];

/// The code that now reports what `code` reported, for a retired code.
pub fn successor(code: &str) -> Option<&'static Code> {
    RETIRED
        .iter()
        .find(|(old, _)| old.eq_ignore_ascii_case(code))
        .map(|(_, new)| *new)
}
