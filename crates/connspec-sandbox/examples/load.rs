//! A load test of the sandbox, independent of any tool: starts a sandbox in this process, gets
//! a token, sends exactly `--requests` `GET /api/approvals` over `--connections` keep-alive
//! connections, and prints the rate. Client and server share the machine's cores, so the rate
//! is a lower bound of what the sandbox serves to an outside load tool.
//!
//! `cargo run --release -p connspec-sandbox --example load -- [--requests 2000]
//! [--connections 8] [--http] [--xml]`

// Printing is the point; counts far below 2^52 convert to f64 exactly.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use connspec_sandbox::{SERVICE_CLIENT_ID, SERVICE_CLIENT_SECRET, Sandbox, SandboxConfig, Scheme};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: usize| -> usize {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let requests = number("--requests", 2000);
    let connections = number("--connections", 8).max(1);
    let http = args.iter().any(|a| a == "--http");
    let xml = args.iter().any(|a| a == "--xml");

    let started = Instant::now();
    let sandbox = Sandbox::start(SandboxConfig {
        scheme: if http { Scheme::Http } else { Scheme::Https },
        ..SandboxConfig::default()
    })
    .await?;
    let startup = started.elapsed();

    let mut builder = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(connections);
    if let Some(pem) = sandbox.ca_pem() {
        builder = builder.tls_certs_only([reqwest::Certificate::from_pem(pem.as_bytes())?]);
    }
    let client = builder.build()?;
    let token: serde_json::Value = serde_json::from_str(
        &client
            .post(sandbox.token_url())
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", SERVICE_CLIENT_ID),
                ("client_secret", SERVICE_CLIENT_SECRET),
            ])
            .send()
            .await?
            .text()
            .await?,
    )?;
    let token = token["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let url = format!("{}/api/approvals", sandbox.base_url());
    let accept = if xml {
        "application/xml"
    } else {
        "application/json"
    };

    // Warm up every connection once.
    let warm: Vec<_> = (0..connections)
        .map(|_| {
            client
                .get(&url)
                .bearer_auth(&token)
                .header("Accept", accept)
                .send()
        })
        .collect();
    for response in futures_join(warm).await {
        response?.bytes().await?;
    }

    let left = Arc::new(AtomicUsize::new(requests));
    let failures = Arc::new(AtomicUsize::new(0));
    let bytes = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (client, url, token) = (client.clone(), url.clone(), token.clone());
            let (left, failures, bytes) = (left.clone(), failures.clone(), bytes.clone());
            tokio::spawn(async move {
                while left
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                    .is_ok()
                {
                    match client
                        .get(&url)
                        .bearer_auth(&token)
                        .header("Accept", accept)
                        .send()
                        .await
                    {
                        Ok(response) if response.status().is_success() => {
                            let body = response.bytes().await.map_or(0, |b| b.len());
                            bytes.fetch_add(body, Ordering::Relaxed);
                        }
                        _ => {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await?;
    }
    let elapsed = started.elapsed();
    let rate = requests as f64 / elapsed.as_secs_f64();
    println!(
        "{requests} GET /api/approvals ({}) over {connections} connections ({}): {:.1} ms, {rate:.0} requests/s, {} failed, {:.1} KB per response; sandbox started in {:.1} ms",
        if xml { "XML" } else { "JSON" },
        sandbox.scheme().as_str(),
        elapsed.as_secs_f64() * 1000.0,
        failures.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed) as f64 / requests as f64 / 1024.0,
        startup.as_secs_f64() * 1000.0,
    );
    sandbox.shutdown().await;
    Ok(())
}

/// Awaits every future, in order.
async fn futures_join<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut out = Vec::with_capacity(futures.len());
    for future in futures {
        out.push(future.await);
    }
    out
}
