//! The codes only `connspec compile` and the runtime view emit: values missing for a live run
//! (T109, T110) and output writing (I1xx).
//!
//! Template and instance faults have one code whichever stage finds them; those are the
//! semantic layer's (`connspec_semantic::codes`, which also maps the retired T101–T108). Codes
//! are stable: never renumber or reuse one. [`ALL`] is the one table of this crate's.

use connspec_diagnostics::{Code, Family};

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
a full disk, a file where a folder should be), and refuses to write through a symbolic link:
the `-o` folder, an instance's folder in it or a file there that is a link.

## Why is this bad?
The compiled output is incomplete. connspec writes each file to a temporary name in the same
folder and renames it only when it is complete, so no half-written file is left behind. A link
would carry the write outside the output folder (a link planted in a repository could point
at any file the user can write), so it is never followed.

## Example
```sh
connspec compile spec.yaml --instance acme.yaml -o /read-only/folder
```

## Use instead
Choose a writable folder for `-o`; remove links in it, or pass the folder a link points to.
"#,
};

/// Every code this crate emits, in code order.
pub static ALL: &[&Code] = &[
    &UNRESOLVED_SECRET,
    &MISSING_INPUT_VALUE,
    &OUTPUT_DIR_NOT_EMPTY,
    &OUTPUT_WRITE_FAILED,
];
