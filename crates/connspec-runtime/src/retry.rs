//! Bounded retries, shared by actions and token requests: exponential backoff with jitter,
//! `Retry-After` honoured, every wait capped by the longest single wait and the run's deadline.

use std::time::{Duration, Instant};

/// How often and how long to retry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Retry {
    /// Attempts, the first included.
    pub(crate) max_attempts: u32,
    /// First backoff; doubled per attempt, with up to 50 % jitter added.
    pub(crate) backoff: Duration,
    /// Longest wait for one retry, `Retry-After` included.
    pub(crate) max_backoff: Duration,
    /// No wait goes past this.
    pub(crate) deadline: Instant,
}

impl Retry {
    /// Whether attempt number `attempt` (1-based) may be followed by another.
    pub(crate) fn again(&self, attempt: u32) -> bool {
        attempt < self.max_attempts && Instant::now() < self.deadline
    }

    /// Waits before the attempt after `attempt`.
    pub(crate) async fn pause(&self, attempt: u32, retry_after: Option<Duration>) {
        let wait = retry_after.unwrap_or_else(|| {
            let exponential = self
                .backoff
                .saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
            let jitter_permille = getrandom::u32().unwrap_or(0) % 500;
            exponential + exponential * jitter_permille / 1000
        });
        let wait = wait
            .min(self.max_backoff)
            .min(self.deadline.saturating_duration_since(Instant::now()));
        tokio::time::sleep(wait).await;
    }
}
