//! Bounded retries, shared by actions and token requests: exponential backoff with jitter,
//! `Retry-After` honoured, every wait capped by the longest single wait and the run's deadline.

use std::time::{Duration, Instant};

use connspec_diagnostics::Amount;

use crate::limits::{ATTEMPTS, RUN_DEADLINE};

/// Whether an answer with `status` may be retried: 429 (rate limited) and the gateway and
/// availability errors 502, 503 and 504, which a proxy or a restarting server sends and a second
/// try often clears. A 500 is an answer (usually the same one again), so it is reported at once.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

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

#[cfg(test)]
mod tests {
    use super::is_retryable_status;

    #[test]
    fn rate_limits_and_gateway_errors_are_retried_other_answers_are_not() {
        for status in [429, 502, 503, 504] {
            assert!(is_retryable_status(status), "{status}");
        }
        for status in [200, 400, 401, 403, 404, 500, 501, 505] {
            assert!(!is_retryable_status(status), "{status}");
        }
    }
}
