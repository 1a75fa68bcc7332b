//! Bounded retries, shared by actions and token requests: exponential backoff with jitter,
//! `Retry-After` honoured, every wait capped by the longest single wait and the run's deadline.

use std::time::{Duration, Instant};

use connspec_diagnostics::Amount;

use crate::limits::{ATTEMPTS, RUN_DEADLINE};

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
    /// The run's deadline as given (`--deadline`), for messages.
    pub(crate) run_deadline: Duration,
}

impl Retry {
    /// Whether attempt number `attempt` (1-based) may be followed by another.
    pub(crate) fn again(&self, attempt: u32) -> bool {
        attempt < self.max_attempts && Instant::now() < self.deadline
    }

    /// Why retrying stopped after `attempts` attempts, naming the limit that stopped it (the
    /// attempt limit or the run deadline) and the flag that raises it.
    pub(crate) fn ended(&self, attempts: u32) -> String {
        if attempts >= self.max_attempts {
            format!(
                "after {attempts} attempts, {}; {}",
                ATTEMPTS.describe(Amount::Count(u64::from(self.max_attempts), "attempts")),
                ATTEMPTS.remedy()
            )
        } else {
            format!(
                "after {attempts} attempts, cut by {}; {}",
                RUN_DEADLINE.describe(Amount::Time(self.run_deadline)),
                RUN_DEADLINE.remedy()
            )
        }
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
