//! Connections, and the answers hyper makes by itself.
//!
//! hyper refuses a request it cannot read before any route sees it: a URL
//! longer than it reads (414), a head larger than its buffer or with more
//! headers than it counts (431), a head that is not HTTP (400). It answers
//! those with an empty body. [`Listener`] wraps each connection so that
//! such an answer says what was wrong: as JSON (see [`crate::error`]) to a
//! request under `/api`, as plain text elsewhere, with the headers every
//! answer carries.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// How much of a request's first bytes is kept, to tell its path.
const HEAD: usize = 64;

/// A listener whose connections explain hyper's own refusals.
pub struct Listener(pub TcpListener);

impl axum::serve::Listener for Listener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        let (io, addr) = axum::serve::Listener::accept(&mut self.0).await;
        (Connection { io, head: Vec::with_capacity(HEAD), answer: None }, addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.0.local_addr()
    }
}

/// A connection: it keeps the first bytes of the request being read, and
/// writes an answer with a body in place of hyper's empty refusal.
pub struct Connection {
    io: TcpStream,
    /// The first bytes read since the last answer was written.
    head: Vec<u8>,
    /// An answer written in place of hyper's: its bytes, how many are out,
    /// and how many bytes of hyper's it stands for.
    answer: Option<(Vec<u8>, usize, usize)>,
}

impl AsyncRead for Connection {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        if this.head.len() < HEAD {
            let new = &buf.filled()[before..];
            let take = new.len().min(HEAD - this.head.len());
            this.head.extend_from_slice(&new[..take]);
        }
        polled
    }
}

impl AsyncWrite for Connection {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.answer.is_none() {
            match refusal(buf).map(|status| answer(status, api(&this.head))) {
                Some(bytes) => this.answer = Some((bytes, 0, buf.len())),
                None => {
                    this.head.clear();
                    return Pin::new(&mut this.io).poll_write(cx, buf);
                }
            }
        }
        let Some((bytes, out, stands_for)) = this.answer.as_mut() else { unreachable!("set above") };
        while *out < bytes.len() {
            match Pin::new(&mut this.io).poll_write(cx, &bytes[*out..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => *out += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        let written = (*stands_for).min(buf.len());
        this.answer = None;
        this.head.clear();
        Poll::Ready(Ok(written))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

/// The status of `bytes` when they are hyper's own refusal of a request
/// it could not read: a 400, 414 or 431 head with an empty body and no
/// content type (every answer of the application has one).
fn refusal(bytes: &[u8]) -> Option<StatusCode> {
    let rest = bytes.strip_prefix(b"HTTP/1.1 ").or_else(|| bytes.strip_prefix(b"HTTP/1.0 "))?;
    let status = match rest.get(..4)? {
        b"400 " => StatusCode::BAD_REQUEST,
        b"414 " => StatusCode::URI_TOO_LONG,
        b"431 " => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
        _ => return None,
    };
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
    let empty = head.lines().any(|l| l.trim() == "content-length: 0");
    (end + 4 == bytes.len() && empty && !head.contains("\r\ncontent-type:")).then_some(status)
}

/// Whether the request that starts with `head` is under `/api`.
fn api(head: &[u8]) -> bool {
    let target = head.splitn(3, |b| *b == b' ').nth(1).unwrap_or_default();
    target.strip_prefix(b"/api").is_some_and(|rest| matches!(rest.first(), None | Some(b'/' | b'?' | b' ')))
}

/// The whole answer to a request hyper refused with `status`.
fn answer(status: StatusCode, api: bool) -> Vec<u8> {
    let message = match status {
        StatusCode::URI_TOO_LONG => "the URL is longer than the server reads (64 KiB); ask for less in each request",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => {
            "the request's headers are larger than the server reads (about 400 KiB in all), or more than 100"
        }
        _ => "the request is not HTTP the server can read",
    };
    let (content_type, body) = if api {
        let e = crate::error::Error::Request { status, message: message.to_string() };
        ("application/json", e.to_json().to_string())
    } else {
        ("text/plain; charset=utf-8", format!("{message}\n"))
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or_default());
    for (name, value) in [
        ("content-type", content_type),
        ("connection", "close"),
        ("content-security-policy", crate::CONTENT_SECURITY_POLICY),
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "same-origin"),
    ] {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hypers_empty_refusals_are_replaced() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Mon, 07 Dec 2026 22:00:00 GMT\r\n\r\n";
        assert_eq!(refusal(hyper), Some(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        let ours = b"HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(refusal(ours), None);
        assert_eq!(refusal(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), None);
    }

    #[test]
    fn the_path_tells_an_api_request() {
        assert!(api(b"GET /api/cities?q=aaaa"));
        assert!(api(b"GET /api HTTP/1.1"));
        assert!(!api(b"GET /apiary HTTP/1.1"));
        assert!(!api(b"GET /cities?q=aaaa"));
        assert!(!api(b""));
    }
}
