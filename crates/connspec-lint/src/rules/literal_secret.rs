//! A001 `literal-secret`: a secret field holds a literal value.

use connspec_diagnostics::Diagnostic;

use crate::Context;
use crate::rule::{Check, Rule, declare_rule};
use crate::templates::Site;

declare_rule! {
    /// ## What it does
    /// Reports a secret field (client secret, password, API key, token, private key, refresh
    /// token) that holds a literal value instead of a `{{ secrets.NAME }}` reference.
    ///
    /// ## Why is this bad?
    /// A spec is committed, reviewed and shared; a credential in it is leaked to everyone who
    /// can read the repository, forever (git history keeps it). connspec masks the value in its
    /// own output, but the file itself must not hold it: rotate the credential.
    ///
    /// ## Example
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: sk_live_51HxQ2 }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec_version: 1
    /// name: demo
    /// secrets: [API_TOKEN]
    /// base_url: https://api.example.com
    /// auth: { type: bearer, token: "{{ secrets.API_TOKEN }}" }
    /// actions:
    ///   list: { method: GET, path: /items }
    /// ```
    pub(crate) struct LiteralSecret {
        code: "A001",
        name: "literal-secret",
        family: Auth,
        severity: Error,
        summary: "a secret field holds a literal value",
    }
}

impl Check for LiteralSecret {
    fn run(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for template in &ctx.templates {
            let field = match &template.site {
                Site::AuthSecret(field) => format!("auth.{field}"),
                Site::ClientCertificate(field) if field == "private_key" => {
                    "client_certificate.private_key".to_owned()
                }
                _ => continue,
            };
            if template.text.trim().is_empty() || template.variables_in("secrets").next().is_some()
            {
                continue;
            }
            if template.is_templated() {
                // A template without a secret (`{{ instance.x }}`) is reported by message only.
                out.push(
                    self.diagnostic(format!("`{field}` does not come from `secrets`"))
                        .with_span(template.span)
                        .with_label("not a secret reference")
                        .with_help(
                            "declare the secret under `secrets:` and write `{{ secrets.NAME }}`",
                        ),
                );
                continue;
            }
            out.push(
                self.diagnostic(format!("`{field}` holds a literal secret"))
                    .with_span(template.span)
                    .with_label("literal value (masked)")
                    .with_help("declare the secret under `secrets:` and write `{{ secrets.NAME }}`")
                    .with_note("the value is in the file and its history: rotate the credential"),
            );
        }
    }
}
