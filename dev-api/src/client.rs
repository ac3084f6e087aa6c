//! Who is asking, as far as the network says: the client's address (for
//! rate limits) and whether the request came over https (for the cookie).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::state::{AppState, Config};

/// The client's address: the peer, or behind a trusted proxy (`--trust-proxy`)
/// the last `X-Forwarded-For` entry (the one that proxy added). `unknown`
/// when neither is known (requests in tests).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

impl ClientAddr {
    /// The address of a request with these parts.
    pub fn of(parts: &Parts, config: &Config) -> ClientAddr {
        let forwarded = config
            .trust_proxy
            .then(|| last_forwarded(&parts.headers))
            .flatten();
        let peer = || {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(peer)| peer.ip().to_string())
        };
        ClientAddr(
            forwarded
                .or_else(peer)
                .unwrap_or_else(|| "unknown".to_owned()),
        )
    }
}

impl ClientAddr {
    /// What per-address limits count by: an IPv4 address as is (also when
    /// IPv4-mapped), an IPv6 address by its /64 (a subscriber gets a whole
    /// /64 and can change the rest at will), anything else as given.
    pub fn limit_key(&self) -> String {
        match self.0.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => v4.to_string(),
            Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
            Err(_) => self.0.clone(),
        }
    }
}

fn last_forwarded(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .rfind(|entry| !entry.is_empty())
        .map(|entry| entry.chars().take(64).collect())
}

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr::of(parts, &state.config))
    }
}

/// Whether the request reached us over https: always with `--secure-cookies`,
/// or behind a trusted proxy that says `X-Forwarded-Proto: https`.
pub fn is_https(headers: &HeaderMap, config: &Config) -> bool {
    config.secure_cookies
        || (config.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|value| value.to_str().ok())
                .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https")))
}
