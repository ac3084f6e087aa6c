//! One-time codes sent to a phone: to sign in, or to confirm a
//! cooperative's link to a member. Limits: per number (one a minute, five an
//! hour), per client address (an IPv6 /64) per minute for sends and tries,
//! and in total per minute for sends only (an SMS costs money; a total on
//! tries would let a few addresses block everyone's sign-in). The database keeps only an HMAC of each code, with a
//! salt of its own and a key that lives in memory.

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::client::ClientAddr;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// Seconds between two codes to one number.
pub const RESEND_AFTER_SECS: i64 = 60;
/// Codes per number per hour.
pub const CODES_PER_HOUR: i64 = 5;
/// Seconds a sign-in code stays valid.
pub const CODE_LIFETIME_SECS: i64 = 300;
/// Seconds a code confirming a cooperative's link stays valid (read out to
/// the staff member, or typed on the member's phone).
pub const LINK_CODE_LIFETIME_SECS: i64 = 900;
/// Wrong codes before the code locks.
pub const MAX_WRONG_TRIES: i64 = 5;

/// What a code is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Signing in as the number's owner.
    SignIn,
    /// Confirming the cooperative link with this id.
    CoopLink(i64),
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::CoopLink(_) => "coop_link",
        }
    }

    fn link(self) -> Option<i64> {
        match self {
            Purpose::SignIn => None,
            Purpose::CoopLink(id) => Some(id),
        }
    }

    fn lifetime(self) -> i64 {
        match self {
            Purpose::SignIn => CODE_LIFETIME_SECS,
            Purpose::CoopLink(_) => LINK_CODE_LIFETIME_SECS,
        }
    }
}

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
fn hmac(key: &[u8; 32], message: &[&[u8]]) -> [u8; 32] {
    let mut inner_key = [0x36u8; 64];
    let mut outer_key = [0x5cu8; 64];
    for (index, byte) in key.iter().enumerate() {
        inner_key[index] ^= byte;
        outer_key[index] ^= byte;
    }
    let mut inner = Sha256::new();
    inner.update(inner_key);
    for part in message {
        inner.update(part);
    }
    let mut outer = Sha256::new();
    outer.update(outer_key);
    outer.update(inner.finalize());
    outer.finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// What is stored for `code`: `v1$salt$mac`, the mac over the salt, what
/// the code is for, the number and the code.
fn seal(state: &AppState, salt: &str, purpose: Purpose, phone: &str, code: &str) -> String {
    let link = purpose.link().unwrap_or(0).to_string();
    let mac = hmac(
        &state.code_key,
        &[
            salt.as_bytes(),
            b"\0",
            purpose.name().as_bytes(),
            link.as_bytes(),
            b"\0",
            phone.as_bytes(),
            b"\0",
            code.as_bytes(),
        ],
    );
    format!("v1${salt}${}", hex(&mac))
}

/// Compares in time that does not depend on where the strings differ.
fn same(left: &str, right: &str) -> bool {
    left.len() == right.len()
        && left
            .bytes()
            .zip(right.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn new_code() -> ApiResult<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(Problem::internal)?;
    Ok(format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000))
}

/// Within the per-address limit (the address's IPv6 /64) and, when there is
/// one, the limit in all.
fn limited(
    state: &AppState,
    kind: &str,
    client: &ClientAddr,
    per_address: usize,
    total: Option<usize>,
) -> ApiResult<()> {
    state
        .within_limit(&format!("{kind}:{}", client.limit_key()), per_address)
        .and_then(|()| match total {
            Some(total) => state.within_limit(&format!("{kind}:*"), total),
            None => Ok(()),
        })
        .map_err(|wait| {
            Problem::too_many(
                wait,
                "Too many one-time codes from here right now; try again in a minute.",
            )
        })
}

/// Sends a new code to `phone` for `purpose` (in the log with `--dev`), or
/// 429 with `Retry-After` past a limit. Returns the seconds it stays valid.
pub fn send(
    connection: &Connection,
    state: &AppState,
    client: &ClientAddr,
    phone: &str,
    purpose: Purpose,
    channel: &str,
) -> ApiResult<i64> {
    let now = state.now();
    let (last_sent, sent_last_hour, oldest_last_hour): (Option<i64>, i64, Option<i64>) = connection.query_row(
        "SELECT MAX(sent_at), COUNT(*), MIN(sent_at) FROM otps WHERE phone = ?1 AND sent_at > ?2",
        params![phone, now - 3600],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if let Some(last) = last_sent {
        if now - last < RESEND_AFTER_SECS {
            return Err(Problem::too_many(
                (RESEND_AFTER_SECS - (now - last)) as u64,
                "One code per minute.",
            ));
        }
    }
    if sent_last_hour >= CODES_PER_HOUR {
        let wait = oldest_last_hour.map_or(3600, |oldest| oldest + 3600 - now);
        return Err(Problem::too_many(wait as u64, "Five codes per hour."));
    }
    let limits = state.config.otp_limits;
    limited(
        state,
        "send",
        client,
        limits.sends_per_address,
        Some(limits.sends_total),
    )?;
    let code = new_code()?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(Problem::internal)?;
    let sealed = seal(state, &hex(&salt), purpose, phone, &code);
    let lifetime = purpose.lifetime();
    connection.execute(
        "INSERT INTO otps (phone, code, sent_at, expires_at, purpose, link_id, client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            phone,
            sealed,
            now,
            now + lifetime,
            purpose.name(),
            purpose.link(),
            client.0
        ],
    )?;
    if state.config.dev {
        println!(
            "dev-api: one-time code for {phone} by {channel} ({}): {code}",
            purpose.name()
        );
        state
            .dev_codes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(phone.to_owned(), code);
    }
    Ok(lifetime)
}

/// Why a typed code was not accepted: the field error code of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// None sent, or used, or past its lifetime.
    Expired,
    /// Locked after too many wrong tries.
    Locked,
    /// Wrong; this many tries are left.
    Wrong(i64),
}

impl Refusal {
    /// The 422 the contract answers with.
    pub fn problem(self) -> Problem {
        match self {
            Refusal::Expired => Problem::invalid_field(
                "code",
                "expired",
                "No code is waiting: it expired or was used; ask for a new one.",
            ),
            Refusal::Locked => {
                Problem::invalid_field("code", "locked", "Too many wrong codes: ask for a new one.")
            }
            Refusal::Wrong(left) => {
                Problem::invalid_field("code", "wrong", format!("Wrong code; {left} tries left."))
            }
        }
    }
}

/// Checks `typed` against the last code sent to `phone` for `purpose` and
/// uses it up when it matches. `Ok(Err(_))` is a refusal the caller may
/// record before answering; a try past the per-minute limits is a 429.
pub fn check(
    connection: &Connection,
    state: &AppState,
    client: &ClientAddr,
    phone: &str,
    purpose: Purpose,
    typed: &str,
) -> ApiResult<Result<(), Refusal>> {
    let limits = state.config.otp_limits;
    limited(state, "try", client, limits.tries_per_address, None)?;
    let latest: Option<(i64, String, i64, i64)> = connection
        .query_row(
            "SELECT rowid, code, expires_at, wrong_tries FROM otps
             WHERE phone = ?1 AND used = 0 AND purpose = ?2 AND link_id IS ?3
             ORDER BY sent_at DESC, rowid DESC LIMIT 1",
            params![phone, purpose.name(), purpose.link()],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((otp_id, stored, expires_at, wrong_tries)) = latest else {
        return Ok(Err(Refusal::Expired));
    };
    if wrong_tries >= MAX_WRONG_TRIES {
        return Ok(Err(Refusal::Locked));
    }
    if state.now() >= expires_at {
        return Ok(Err(Refusal::Expired));
    }
    let typed: String = typed
        .chars()
        .filter(char::is_ascii_digit)
        .take(12)
        .collect();
    let salt = stored.split('$').nth(1).unwrap_or_default();
    if !same(&seal(state, salt, purpose, phone, &typed), &stored) {
        let tries = wrong_tries + 1;
        connection.execute(
            "UPDATE otps SET wrong_tries = ?1 WHERE rowid = ?2",
            params![tries, otp_id],
        )?;
        return Ok(Err(if tries >= MAX_WRONG_TRIES {
            Refusal::Locked
        } else {
            Refusal::Wrong(MAX_WRONG_TRIES - tries)
        }));
    }
    connection.execute("UPDATE otps SET used = 1 WHERE rowid = ?1", [otp_id])?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::hmac;

    #[test]
    fn hmac_matches_rfc_4231_case_2_shape() {
        // RFC 4231 test case 2 uses a 4-byte key; padded with zeros to 32
        // bytes it is the same key for HMAC (keys shorter than the block are
        // zero-padded).
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        let mac = hmac(&key, &[b"what do ya want ", b"for nothing?"]);
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
