//! Secrets stay off command lines: no option of any command takes a secret value, and the
//! browser opener that `connspec login` starts gets only the authorization URL as its argument
//! and not the environment variables the instance reads secrets from.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Words that name a credential; an option taking a value must not be called like one.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "password",
    "passwd",
    "token",
    "key",
    "credential",
    "auth",
    "bearer",
    "cookie",
];

/// Options whose names hold such a word but whose values are not secrets.
const NOT_SECRETS: &[(&str, &str)] = &[
    // Seconds.
    ("sandbox", "token-lifetime"),
    // An auth type such as `client_credentials`.
    ("init", "auth"),
    // A size in bytes.
    ("test", "max-token-response-bytes"),
];

#[test]
fn no_option_takes_a_secret_value() {
    let mut seen = 0;
    let mut offenders = Vec::new();
    let mut pending = vec![(String::new(), connspec_cli::command())];
    while let Some((path, command)) = pending.pop() {
        let name = command.get_name().to_owned();
        for arg in command.get_arguments() {
            if !arg.get_action().takes_values() {
                continue; // A flag such as --reveal-secrets carries no value.
            }
            seen += 1;
            let long = arg.get_long().unwrap_or_default().to_ascii_lowercase();
            let id = arg.get_id().as_str().to_ascii_lowercase();
            let value_names: Vec<String> = arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|v| v.as_str().to_ascii_lowercase())
                .collect();
            let suspicious = SECRET_WORDS.iter().any(|word| {
                long.contains(word)
                    || id.contains(word)
                    || value_names.iter().any(|v| v.contains(word))
            });
            if suspicious && !NOT_SECRETS.contains(&(name.as_str(), long.as_str())) {
                offenders.push(format!("{path} {name} --{long} ({id})"));
            }
        }
        for sub in command.get_subcommands() {
            pending.push((format!("{path} {name}"), sub.clone()));
        }
    }
    assert!(seen > 20, "only {seen} options with values were found");
    assert!(
        offenders.is_empty(),
        "options that look like they take a secret: {offenders:?}; secrets come from the \
         instance's env:, dotenv: and file: sources only"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn the_browser_opener_gets_the_url_only_and_no_secret_variables() {
    use std::os::unix::fs::PermissionsExt as _;

    const CANARY: &str = "CANARY-br0wser-s3cr3t-88c1";
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("a folder");
    // A fake `xdg-open` that records its arguments and environment.
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nenv > '{0}/env.tmp'\nprintf '%s\\n' \"$@\" > '{0}/argv.tmp'\nmv '{0}/env.tmp' '{0}/env'\nmv '{0}/argv.tmp' '{0}/argv'\n",
            dir.display()
        ),
    )
    .expect("write the opener");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "spec_version: 1
name: browser_probe
instance:
  domain: { format: hostname, example: 127.0.0.1:1 }
secrets: [CLIENT_ID, CLIENT_SECRET]
base_url: https://{{ instance.domain }}
auth:
  type: oauth2
  grant_type: authorization_code
  authorization_url: https://{{ instance.domain }}/oauth2/authorizations/new
  token_url: https://{{ instance.domain }}/oauth2/token
  client_id: \"{{ secrets.CLIENT_ID }}\"
  client_secret: \"{{ secrets.CLIENT_SECRET }}\"
  scopes: [core.approval.read, offline_access]
  pkce: true
actions:
  me:
    method: GET
    path: /api/users
",
    )
    .expect("write the spec");
    let instance = dir.join("instance.yaml");
    std::fs::write(
        &instance,
        "instance_version: 1\nsandbox: true\nvalues:\n  domain: 127.0.0.1:9\n\
         secrets:\n  CLIENT_ID: env:BROWSER_PROBE_ID\n  CLIENT_SECRET: env:BROWSER_PROBE_SECRET\n",
    )
    .expect("write the instance");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new(env!("CARGO_BIN_EXE_connspec"))
        .arg("login")
        .arg(&spec)
        .arg("--instance")
        .arg(&instance)
        .args(["--timeout", "1", "--color", "never"])
        .env("PATH", path)
        .env("CONNSPEC_CACHE_DIR", dir.join("cache"))
        .env("BROWSER_PROBE_ID", "browser-probe")
        .env("BROWSER_PROBE_SECRET", CANARY)
        .env("BROWSER_PROBE_UNRELATED", "kept")
        .stdin(Stdio::null())
        .output()
        .expect("connspec runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "no redirect came: {stderr}");
    assert!(
        stderr.contains("no redirect to http://127.0.0.1:"),
        "{stderr}"
    );
    assert!(!stderr.contains(CANARY), "{stderr}");
    // The opener runs on its own; wait (bounded) for its record.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !dir.join("env").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let argv = std::fs::read_to_string(dir.join("argv")).expect("the opener ran");
    let env = std::fs::read_to_string(dir.join("env")).expect("the opener ran");
    let words: Vec<&str> = argv.lines().collect();
    assert_eq!(words.len(), 1, "{argv}");
    assert!(
        words[0].starts_with("https://127.0.0.1:9/oauth2/authorizations/new?"),
        "{argv}"
    );
    assert!(words[0].contains("client_id=browser-probe"), "{argv}");
    assert!(
        !argv.contains(CANARY),
        "the secret is on the opener's command line"
    );
    assert!(
        !env.contains(CANARY) && !env.contains("BROWSER_PROBE_SECRET"),
        "the opener inherited the secret's variable"
    );
    // The record is the opener's real environment, so the two checks above can fail.
    assert!(env.contains("BROWSER_PROBE_UNRELATED=kept"), "{env}");
    let _ = std::fs::remove_dir_all(&dir);
}
