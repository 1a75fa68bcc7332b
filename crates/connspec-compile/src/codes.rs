//! The codes `connspec compile` emits: template rendering (T1xx) and output writing (I1xx).
//!
//! The lint crate owns T001–T099; compile-time template failures start at T101. Codes are
//! stable: never renumber or reuse one. [`ALL`] is the one table of them.

use connspec_diagnostics::{Code, Family};

pub static TEMPLATE_SYNTAX: Code = Code {
    code: "T101",
    name: "template-syntax-error",
    family: Family::Template,
    summary: "a template cannot be parsed",
    explanation: r#"## What it does
Reports a string of the spec whose template syntax is broken: an unclosed `{{`, an unknown
block tag, a stray `%}`.

## Why is this bad?
The string cannot be rendered for any target, so the connector cannot be compiled.

## Example
```yaml
base_url: https://{{ instance.domain }
```

## Use instead
```yaml
base_url: https://{{ instance.domain }}
```
"#,
};

pub static UNDEFINED_VARIABLE: Code = Code {
    code: "T102",
    name: "undefined-template-variable",
    family: Family::Template,
    summary: "a template uses a name the spec does not declare",
    explanation: r#"## What it does
Reports a template that uses an instance parameter, secret or input the spec does not
declare, an input outside an action, or a name outside the four namespaces `instance`,
`secrets`, `inputs` and `meta_info`. Templates render with strict undefined values, so a typo
never becomes an empty string.

## Why is this bad?
A misspelt name would render as nothing: a base URL of `https://`, a path without its id.

## Example
```yaml
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domian }}
```

## Use instead
```yaml
instance:
  domain: { format: hostname }
base_url: https://{{ instance.domain }}
```
"#,
};

pub static MISSING_INSTANCE_VALUE: Code = Code {
    code: "T103",
    name: "missing-instance-value",
    family: Family::Template,
    summary: "an instance file gives no value for a parameter the spec declares",
    explanation: r#"## What it does
Reports an instance parameter of the spec that has no value: the instance file's `values`
lack it, the parameter has no `default`, and no `--set NAME=VALUE` was given.

## Why is this bad?
Every template that uses the parameter would be incomplete, e.g. a base URL without a host.

## Example
```yaml
# instances/acme.yaml, for a spec that declares `domain`
instance_version: 1
values: {}
```

## Use instead
```yaml
instance_version: 1
values:
  domain: acme.coupahost.com
```
"#,
};

pub static SECRET_PRINTED: Code = Code {
    code: "T104",
    name: "secret-in-printed-field",
    family: Family::Template,
    summary: "a secret is used in a field that is printed and stored in plain text",
    explanation: r#"## What it does
Reports `{{ secrets.NAME }}` in a field that Agent Studio shows in plain text and that
connspec prints: the base URL, a token or authorization URL, an action's path, query,
headers or body. Secrets belong in the credential fields of the auth config (client secret,
API key, password, token) or in a common header, which Agent Studio stores encrypted.

## Why is this bad?
The secret would end up in logs, screenshots and exported configuration. connspec prints a
placeholder instead of the value, but the connector would still leak it at run time.

## Example
```yaml
actions:
  list:
    method: GET
    path: /api/items
    headers: { X-Api-Key: "{{ secrets.API_KEY }}" }
```

## Use instead
```yaml
auth:
  type: api_key
  header_name: X-Api-Key
  value_pattern: "%s"
  key: "{{ secrets.API_KEY }}"
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
    code: "T107",
    name: "inexpressible-template",
    family: Family::Template,
    summary: "a template does something with an input or secret that the target cannot express",
    explanation: r#"## What it does
Reports a template that transforms or tests an action input, a secret or `meta_info` (a
filter, a comparison, a condition), or a common header that mixes several secrets. Agent
Studio only substitutes values (`{{status}}`); it cannot run the expression, so the compiled
field would not mean what the template says.

## Why is this bad?
The connector in Agent Studio would send something else than the live test sent.

## Example
```yaml
query:
  status: "{{ inputs.status | upper }}"
```

## Use instead
Pass the value as it is, and describe the expected form in the input's description:
```yaml
query:
  status: "{{ inputs.status }}"
inputs:
  status: { type: string, description: "Upper case, e.g. APPROVED" }
```
"#,
};

pub static UNKNOWN_INSTANCE_VALUE: Code = Code {
    code: "T108",
    name: "unknown-instance-value",
    family: Family::Template,
    summary: "an instance file gives a value for a parameter the spec does not declare",
    explanation: r#"## What it does
Reports a key under an instance file's `values` (or a `--set NAME=VALUE`) that names no
parameter of the spec's `instance` section.

## Why is this bad?
It is usually a typo: the value the author meant to give is missing, and the one given is
ignored.

## Example
```yaml
values:
  domian: acme.coupahost.com
```

## Use instead
```yaml
values:
  domain: acme.coupahost.com
```
"#,
};

pub static UNRESOLVED_SECRET: Code = Code {
    code: "T109",
    name: "unresolved-secret",
    family: Family::Template,
    summary: "a secret has no value for a live run",
    explanation: r#"## What it does
Reports a secret a template uses when the runtime view of a connector is built and the
caller resolved no value for it (the instance file's source, such as `env:VAR`, was not set).

## Why is this bad?
The request would be sent with an empty credential and fail with 401.

## Example
```yaml
# instance file
secrets:
  COUPA_CLIENT_SECRET: env:ACME_COUPA_CLIENT_SECRET   # but the variable is not set
```

## Use instead
Set the variable (or the dotenv key, or the file) the instance file names.
"#,
};

pub static MISSING_INPUT_VALUE: Code = Code {
    code: "T110",
    name: "missing-input-value",
    family: Family::Template,
    summary: "an action input has no value for a live run",
    explanation: r#"## What it does
Reports an action input that a template uses when the runtime view is built, when the
caller gave no value and the input has no `example`.

## Why is this bad?
The request cannot be built; Agent Studio's Test button uses the example value too.

## Example
```yaml
inputs:
  status: { type: string, required: true }
```

## Use instead
```yaml
inputs:
  status: { type: string, required: true, example: pending_approval }
```
"#,
};

pub static OUTPUT_DIR_NOT_EMPTY: Code = Code {
    code: "I101",
    name: "output-dir-not-connspec",
    family: Family::Io,
    summary: "the output folder holds files that connspec did not write",
    explanation: r#"## What it does
Refuses `connspec compile -o DIR` when `DIR` exists, is not empty, and has no
`.connspec-output` marker file (which `connspec compile` writes into every folder it fills).

## Why is this bad?
Compiling into a folder overwrites the files in it; a mistyped `-o` could replace work that
is not connspec's.

## Example
```sh
connspec compile spec.yaml --instance acme.yaml -o src/
```

## Use instead
```sh
connspec compile spec.yaml --instance acme.yaml -o build/connectors/
# or, when the folder really is yours to overwrite:
connspec compile spec.yaml --instance acme.yaml -o src/ --force
```
"#,
};

pub static OUTPUT_WRITE_FAILED: Code = Code {
    code: "I102",
    name: "output-write-failed",
    family: Family::Io,
    summary: "a compiled file could not be written",
    explanation: r#"## What it does
Reports an output file that could not be created, written or moved into place (permissions,
a full disk, a file where a folder should be).

## Why is this bad?
The compiled output is incomplete. connspec writes each file to a temporary name in the same
folder and renames it only when it is complete, so no half-written file is left behind.

## Example
```sh
connspec compile spec.yaml --instance acme.yaml -o /read-only/folder
```

## Use instead
Choose a writable folder for `-o`.
"#,
};

/// Every code this crate emits, in code order.
pub static ALL: &[&Code] = &[
    &TEMPLATE_SYNTAX,
    &UNDEFINED_VARIABLE,
    &MISSING_INSTANCE_VALUE,
    &SECRET_PRINTED,
    &TEMPLATE_LIMIT,
    &TEMPLATE_RENDER,
    &INEXPRESSIBLE_TEMPLATE,
    &UNKNOWN_INSTANCE_VALUE,
    &UNRESOLVED_SECRET,
    &MISSING_INPUT_VALUE,
    &OUTPUT_DIR_NOT_EMPTY,
    &OUTPUT_WRITE_FAILED,
];
