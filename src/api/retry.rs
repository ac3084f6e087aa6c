//! When to send a failed request again, and how long to wait first.
//!
//! Pure: the caller passes the random number, so the policy is tested natively.

use super::error::ApiError;

/// The HTTP methods the client sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// HEAD (tus asks an upload's offset with it)
    Head,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// True when sending the request twice has the effect of sending it once.
    /// A POST or PATCH is, only when it carries an `Idempotency-Key`.
    pub fn is_idempotent(self, has_idempotency_key: bool) -> bool {
        match self {
            Method::Get | Method::Head | Method::Put | Method::Delete => true,
            Method::Post | Method::Patch => has_idempotency_key,
        }
    }
}

/// Exponential backoff with full jitter, capped, honouring `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Sends in all, the first included.
    pub max_attempts: u32,
    /// The ceiling of the first wait, in milliseconds; doubles each attempt.
    pub base_delay_ms: u32,
    /// No wait is longer than this.
    pub max_delay_ms: u32,
}

impl Default for RetryPolicy {
    /// Four sends over at most about 15 s: enough to ride out a dropped
    /// mobile connection without leaving a person staring at a spinner.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
        }
    }
}

impl RetryPolicy {
    /// A policy that sends once and never again.
    pub const NEVER: RetryPolicy = RetryPolicy {
        max_attempts: 1,
        base_delay_ms: 0,
        max_delay_ms: 0,
    };

    /// How long to wait before sending again after `attempt` (1 = the first
    /// send) failed with `error`, or `None` to give up and report the error.
    /// `random` is uniform in `[0, 1)`.
    pub fn next_delay_ms(
        &self,
        method: Method,
        has_idempotency_key: bool,
        attempt: u32,
        error: &ApiError,
        random: f64,
    ) -> Option<u32> {
        if attempt >= self.max_attempts
            || !method.is_idempotent(has_idempotency_key)
            || !error.is_transient()
        {
            return None;
        }
        if let Some(seconds) = error.retry_after_secs() {
            let asked = seconds.saturating_mul(1_000);
            // A server that asks for a longer wait than we would ever make
            // gets its answer to the person instead: they can decide.
            return (asked <= self.max_delay_ms).then_some(asked);
        }
        let exponent = attempt.saturating_sub(1).min(16);
        let ceiling = self
            .base_delay_ms
            .saturating_mul(1 << exponent)
            .min(self.max_delay_ms);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Some((f64::from(ceiling) * random) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const POLICY: RetryPolicy = RetryPolicy {
        max_attempts: 4,
        base_delay_ms: 500,
        max_delay_ms: 8_000,
    };

    #[test]
    fn idempotent_requests_are_retried_after_a_network_error() {
        for method in [Method::Get, Method::Head, Method::Put, Method::Delete] {
            assert!(POLICY
                .next_delay_ms(method, false, 1, &ApiError::Network, 0.5)
                .is_some());
        }
    }

    #[test]
    fn a_post_is_retried_only_with_an_idempotency_key() {
        assert_eq!(
            POLICY.next_delay_ms(Method::Post, false, 1, &ApiError::Timeout, 0.5),
            None
        );
        assert!(POLICY
            .next_delay_ms(Method::Post, true, 1, &ApiError::Timeout, 0.5)
            .is_some());
        assert_eq!(
            POLICY.next_delay_ms(Method::Patch, false, 1, &ApiError::Network, 0.5),
            None
        );
    }

    #[test]
    fn permanent_errors_are_never_retried() {
        for error in [
            ApiError::Unauthorized,
            ApiError::Forbidden,
            ApiError::NotFound,
            ApiError::PreconditionFailed {
                current: None,
                etag: None,
            },
            ApiError::Offline,
            ApiError::Cancelled,
        ] {
            assert_eq!(
                POLICY.next_delay_ms(Method::Get, false, 1, &error, 0.5),
                None
            );
        }
    }

    #[test]
    fn it_gives_up_after_the_last_attempt() {
        assert!(POLICY
            .next_delay_ms(Method::Get, false, 3, &ApiError::Network, 0.5)
            .is_some());
        assert_eq!(
            POLICY.next_delay_ms(Method::Get, false, 4, &ApiError::Network, 0.5),
            None
        );
        assert_eq!(
            RetryPolicy::NEVER.next_delay_ms(Method::Get, false, 1, &ApiError::Network, 0.5),
            None
        );
    }

    #[test]
    fn the_ceiling_doubles_each_attempt_up_to_the_cap() {
        let almost_one = 0.999_999;
        let ceilings: Vec<u32> = (1..=8)
            .map(|attempt| {
                RetryPolicy {
                    max_attempts: 10,
                    ..POLICY
                }
                .next_delay_ms(Method::Get, false, attempt, &ApiError::Network, almost_one)
                .unwrap_or_default()
            })
            .collect();
        assert_eq!(
            ceilings,
            vec![499, 999, 1_999, 3_999, 7_999, 7_999, 7_999, 7_999]
        );
    }

    #[test]
    fn retry_after_is_honoured_and_a_longer_wait_is_left_to_the_person() {
        let wait_2s = ApiError::TooManyRequests {
            retry_after_secs: Some(2),
        };
        assert_eq!(
            POLICY.next_delay_ms(Method::Get, false, 1, &wait_2s, 0.1),
            Some(2_000)
        );
        let wait_60s = ApiError::TooManyRequests {
            retry_after_secs: Some(60),
        };
        assert_eq!(
            POLICY.next_delay_ms(Method::Get, false, 1, &wait_60s, 0.1),
            None
        );
    }

    proptest! {
        #[test]
        fn a_delay_never_exceeds_the_cap(attempt in 0u32..100, random in proptest::num::f64::ANY) {
            let policy = RetryPolicy { max_attempts: 200, ..POLICY };
            if let Some(delay) = policy.next_delay_ms(Method::Get, false, attempt, &ApiError::Network, random) {
                prop_assert!(delay <= POLICY.max_delay_ms);
            }
        }
    }
}
