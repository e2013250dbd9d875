//! The Host header as it arrived on the connection, held to RFC 9112 §3.2: "A server MUST respond with a 400 (Bad
//! Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message
//! that contains more than one Host header field line or a Host header field with an invalid field value."
//!
//! Checked where a request leaves hyper ([`super::serve_counted`]), since only there is it certain to be what a
//! client sent (a request built in a test, or in-process, has no connection and no Host to hold to the rule); the
//! finding travels in the request's extensions as [`BadHost`], and the site's layers answer it (`crate::app`), so
//! the refusal is logged, counted and carries the security headers like every other answer.

use axum::http::uri::Authority;
use axum::http::{Request, Version, header};

/// What is wrong with a request's Host header: the sentence its `400 invalid_request` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadHost(pub &'static str);

/// The request's Host header against RFC 9112 §3.2; `None` when it passes. An HTTP/1.0 request may have none
/// (HTTP/1.0 had no such rule); an HTTP/2 or HTTP/3 request names its authority in `:authority` instead.
pub(super) fn check<B>(request: &Request<B>) -> Option<BadHost> {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (None, _) if request.version() == Version::HTTP_11 => Some(BadHost(
            "An HTTP/1.1 request must have a Host header naming the host it is for (RFC 9112 §3.2).",
        )),
        (None, _) => None,
        (Some(_), Some(_)) => Some(BadHost(
            "A request may have only one Host header; this one has several (RFC 9112 §3.2).",
        )),
        (Some(host), None) => {
            // Empty is allowed: the target URI has no authority (RFC 9112 §3.2).
            let valid = host.is_empty() || host.to_str().is_ok_and(is_host_and_port);
            (!valid).then_some(BadHost(
                "The Host header must be a host name or address with an optional port (RFC 9112 §3.2, \
                 RFC 3986 §3.2.2).",
            ))
        }
    }
}

/// `uri-host [ ":" port ]` (RFC 9112 §3.2, RFC 3986 §3.2.2, §3.2.3): an authority without user information, whose
/// port, when there is one, is digits.
fn is_host_and_port(host: &str) -> bool {
    let Ok(authority) = host.parse::<Authority>() else { return false };
    let port = &authority.as_str()[authority.host().len()..];
    !host.contains('@')
        && (port.is_empty()
            || port.strip_prefix(':').is_some_and(|port| port.bytes().all(|b| b.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host_of(version: Version, hosts: &[&str]) -> Option<BadHost> {
        let mut request = Request::get("/").version(version);
        for host in hosts {
            request = request.header(header::HOST, *host);
        }
        check(&request.body(()).unwrap())
    }

    #[test]
    fn a_request_needs_one_valid_host_header() {
        for good in [&["example.com"][..], &["127.0.0.1:3000"], &["[::1]:8080"], &[""]] {
            assert_eq!(host_of(Version::HTTP_11, good), None, "{good:?}");
        }
        assert_eq!(host_of(Version::HTTP_10, &[]), None, "HTTP/1.0 needs none");
        assert_eq!(host_of(Version::HTTP_2, &[]), None, "HTTP/2 has :authority");
        assert!(host_of(Version::HTTP_11, &[]).unwrap().0.contains("must have a Host"));
        for version in [Version::HTTP_10, Version::HTTP_11, Version::HTTP_2] {
            let twice = host_of(version, &["a.example", "a.example"]);
            assert!(twice.unwrap().0.contains("only one"), "{version:?}");
        }
        for bad in ["a b", "user@evil.example", "a/b", "a:port"] {
            assert!(host_of(Version::HTTP_11, &[bad]).is_some(), "{bad}");
        }
    }
}
