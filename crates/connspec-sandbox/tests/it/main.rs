//! End-to-end tests of the sandbox over real HTTP(S) on 127.0.0.1 with reqwest: every OAuth
//! path, the API, every fault switch and the request log. No test reaches another machine.

mod api;
mod common;
mod faults;
mod lifecycle;
mod log;
mod oauth;
