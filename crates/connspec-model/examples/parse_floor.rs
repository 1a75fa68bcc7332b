//! The parse floor of `cargo xtask bench check`: reads every file in the directories given and
//! pulls every saphyr-parser event from it, and nothing else: no values, no spans, no schema.
//!
//! It reads and parses files on as many threads as `connspec check` does (one per core, taking
//! the next file as each thread finishes one), so the ratio of the two is what checking costs
//! on top of reading and tokenising the same bytes. Prints the file, byte and event counts.
//!
//! `cargo run --release -p connspec-model --example parse_floor -- DIR...`

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use saphyr_parser::Parser;

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args_os().skip(1) {
        let path = PathBuf::from(arg);
        if path.is_dir() {
            let entries = match std::fs::read_dir(&path) {
                Ok(entries) => entries,
                Err(err) => {
                    eprintln!("parse_floor: cannot list {}: {err}", path.display());
                    return ExitCode::FAILURE;
                }
            };
            files.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        p.extension()
                            .is_some_and(|ext| ext == "yaml" || ext == "yml")
                    }),
            );
        } else {
            files.push(path);
        }
    }
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let totals: Vec<(usize, usize, usize)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let (mut bytes, mut events, mut errors) = (0, 0, 0);
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = files.get(index) else { break };
                        let Ok(data) = std::fs::read(path) else {
                            errors += 1;
                            continue;
                        };
                        bytes += data.len();
                        let Ok(text) = std::str::from_utf8(&data) else {
                            errors += 1;
                            continue;
                        };
                        for event in Parser::new_from_str(text) {
                            if event.is_err() {
                                errors += 1;
                                break;
                            }
                            events += 1;
                        }
                    }
                    (bytes, events, errors)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or((0, 0, 1)))
            .collect()
    });
    let (bytes, events, errors) = totals
        .iter()
        .fold((0, 0, 0), |acc, t| (acc.0 + t.0, acc.1 + t.1, acc.2 + t.2));
    println!(
        "parse_floor: {} files, {bytes} bytes, {events} events, {errors} unreadable or invalid, {threads} threads",
        files.len()
    );
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
