//! Codes the YAML loader emits: syntax, encoding, structure and resource limits.

use connspec_diagnostics::{Code, Family};

pub static YAML_SYNTAX_ERROR: Code = Code {
    code: "S001",
    name: "yaml-syntax-error",
    family: Family::Syntax,
    summary: "the file is not valid YAML",
    explanation: r#"## What it does
Reports the first place where the YAML parser cannot go on: an unclosed quote or bracket, a
key without `:`, bad indentation.

## Why is this bad?
Nothing after a syntax error can be read reliably, so no other check runs on the file.

## Example
```yaml
name: "coupa_approvals
base_url: https://acme.coupahost.com
```

## Use instead
```yaml
name: "coupa_approvals"
base_url: https://acme.coupahost.com
```
"#,
};

pub static DUPLICATE_KEY: Code = Code {
    code: "S002",
    name: "duplicate-key",
    family: Family::Syntax,
    summary: "a mapping has the same key twice",
    explanation: r#"## What it does
Reports a key that already appears earlier in the same mapping, at the second occurrence.

## Why is this bad?
Most YAML tools silently keep the last value, so one of the two settings is lost without a
word, and which one depends on the tool.

## Example
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
  grant_type: authorization_code
```

## Use instead
Keep one of them:
```yaml
auth:
  type: oauth2
  grant_type: client_credentials
```
"#,
};

pub static YAML_ALIAS: Code = Code {
    code: "S003",
    name: "yaml-alias",
    family: Family::Syntax,
    summary: "anchors and aliases are not supported",
    explanation: r#"## What it does
Reports YAML anchors (`&name`) and aliases (`*name`).

## Why is this bad?
Aliases let a tiny file expand into billions of nodes ("billion laughs"), and they hide which
setting an action really uses. Connector specs are read by people pasting values into Agent
Studio, so every value is written out where it applies.

## Example
```yaml
common: &json
  Accept: application/json
actions:
  list_approvals:
    method: GET
    path: /api/approvals
    headers: *json
```

## Use instead
```yaml
actions:
  list_approvals:
    method: GET
    path: /api/approvals
    headers:
      Accept: application/json
```
"#,
};

pub static LIMIT_EXCEEDED: Code = Code {
    code: "S004",
    name: "limit-exceeded",
    family: Family::Syntax,
    summary: "the file exceeds a resource limit (size, nesting depth or node count)",
    explanation: r#"## What it does
Stops reading a file that is over the input size limit (`--max-bytes`), nests deeper than the
nesting depth limit (`--max-depth`) or the YAML parser's fixed flow nesting limit, or holds more
values than the value count limit (`--max-nodes`). The message names the limit and its value;
[`docs/limits.md`](limits.md) lists every limit with its default.

## Why is this bad?
A connector spec is a few kilobytes. A file far beyond that is a mistake or an attack on the
machine that checks it (a CI runner checking a contributor's pull request), so connspec refuses
it quickly instead of using unbounded time and memory.

## Example
A generated file with 100,000 nested lists:
```yaml
x: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```

## Use instead
Split the connector, or raise the limit for a file you trust: `connspec check --max-depth 128`.
"#,
};

pub static MULTIPLE_DOCUMENTS: Code = Code {
    code: "S005",
    name: "multiple-documents",
    family: Family::Syntax,
    summary: "a file holds more than one YAML document",
    explanation: r#"## What it does
Reports a second document (after `---`) in a file.

## Why is this bad?
One file is one connector (or one instance). Other documents in the same file would be
silently ignored by tools that read only the first.

## Example
```yaml
spec_version: 1
name: coupa_one
---
spec_version: 1
name: coupa_two
```

## Use instead
Put each connector in its own file.
"#,
};

pub static INVALID_ENCODING: Code = Code {
    code: "S006",
    name: "invalid-encoding",
    family: Family::Syntax,
    summary: "the file is not UTF-8 text that YAML allows",
    explanation: r#"## What it does
Reports the first byte that is not valid UTF-8; files saved as UTF-16 or UTF-32 (named, with or
without a byte-order mark); and the first character YAML forbids anywhere in a file, even in a
comment or a quoted string: a NUL byte, another control character (BEL, ESC, DEL, C1 controls)
or the noncharacters U+FFFE and U+FFFF. Each is reported at the offending byte.

## Why is this bad?
YAML files are text in UTF-8. Other bytes are usually a file saved in a legacy encoding
(Windows-1252, Latin-1), in UTF-16 by an editor on Windows, or a binary file checked by mistake;
its values would be garbled. Control characters are invisible in most editors and are not
allowed by YAML; inside a double-quoted string they can be written as escapes (`\x07`).

## Example
A description saved in Windows-1252: `description: Caf\xE9 expenses`.

## Use instead
Save the file as UTF-8: `description: Café expenses`.
"#,
};

pub static TAB_INDENTATION: Code = Code {
    code: "S007",
    name: "tab-indentation",
    family: Family::Syntax,
    summary: "a tab is used where YAML requires spaces",
    explanation: r#"## What it does
Reports a tab character where YAML requires spaces, at the tab: in the indentation before a
key, a `- ` entry or a value, inside a flow collection (`[...]`, `{...}`) at or before the
indentation of the block around it, or right after a `-` or `:` that starts a nested block.
Tabs on blank lines, before comments, inside quoted or block scalars and as separation after
the indentation are allowed, as YAML 1.2 allows them.

## Why is this bad?
YAML forbids tabs in indentation; parsers reject the file, and editors show tabs at different
widths, so the intended nesting is unclear.

## Example
```yaml
auth:
	type: oauth2
```

## Use instead
```yaml
auth:
  type: oauth2
```
"#,
};

pub static UNSUPPORTED_YAML: Code = Code {
    code: "S008",
    name: "unsupported-yaml",
    family: Family::Syntax,
    summary: "a YAML feature connector specs do not use (custom tags, complex keys)",
    explanation: r#"## What it does
Reports tags outside the YAML core schema (`!custom`, `!!binary`, `!!set`), named as written,
a core tag on a value of another type (`!!int twelve`), and keys that are not plain scalars (a
list or mapping used as a key).

## Why is this bad?
These have no JSON equivalent, so the spec cannot be validated or compiled faithfully.

## Example
```yaml
name: !secret coupa_name
```

## Use instead
```yaml
name: coupa_name
```
"#,
};

pub static EMPTY_DOCUMENT: Code = Code {
    code: "S009",
    name: "empty-document",
    family: Family::Syntax,
    summary: "the file holds no YAML content",
    explanation: r#"## What it does
Reports a file that is empty or holds only comments.

## Why is this bad?
An empty spec defines no connector; it is usually a file that was truncated or never filled
in.

## Example
```yaml
# TODO
```

## Use instead
Write the spec, or delete the file. `connspec init` writes a starting point.
"#,
};
