//! Connections: their timeouts, how many at once, and the answers hyper
//! makes by itself.
//!
//! [`Listener`] accepts a connection only while fewer than
//! [`Limits::max_connections`] are open; past that, new ones wait in the
//! system's queue of the listening socket. Each [`Connection`] is cut (its
//! next read fails) when the client takes longer than
//! [`Limits::header_timeout`] to send a request's head, counted from the
//! head's first byte, or when nothing is read or written for
//! [`Limits::idle_timeout`] while the connection waits for a request: on a
//! new connection, and on a kept-alive one once its answer is under way
//! (an answer that writes nothing for that long is cut too). While a
//! request is handled, before its answer begins, no timer runs here: the
//! request timeout does (`request_timeout` in the crate's root).
//!
//! hyper refuses a request it cannot read before any route sees it: a URL
//! longer than it reads (414), a head larger than its buffer or with more
//! headers than it counts (431), a head that is not HTTP (400). It answers
//! those with an empty body. [`Listener`] wraps each connection so that
//! such an answer says what was wrong: as JSON (see [`crate::error`]) to a
//! request under `/api`, as plain text elsewhere, with the headers every
//! answer carries.
//!
//! Only the first write of an answer is looked at: hyper writes such a
//! refusal as one whole head at the start of an answer, and any later
//! write (the rest of a body after a short write, say) passes untouched.
//! An answer starts at the first write of a connection and at the first
//! write after bytes of a new request were read. A client that pipelines,
//! sending its next request before the answer to the last one is read,
//! may have hyper's refusal of it written behind that answer: it then
//! gets hyper's own empty answer, which says as much by its status.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::http::StatusCode;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// How much of a request's first bytes is kept, to tell its path.
const HEAD: usize = 64;

/// What a server lets its clients take: time and connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest a client may take to send a request's head, from its
    /// first byte.
    pub header_timeout: Duration,
    /// The longest a connection may wait for a request (or an answer may
    /// send nothing) before it is closed.
    pub idle_timeout: Duration,
    /// The longest a request may take to get the head of its answer; then
    /// it is answered 503. A streamed body may take longer.
    pub request_timeout: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        header_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        request_timeout: Duration::from_secs(60),
        max_connections: 512,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A listener whose connections keep the [`Limits`] and explain hyper's
/// own refusals.
pub struct Listener {
    listener: TcpListener,
    limits: Limits,
    slots: Arc<Semaphore>,
}

impl Listener {
    pub fn new(listener: TcpListener, limits: Limits) -> Listener {
        let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
        Listener { listener, limits, slots }
    }
}

impl axum::serve::Listener for Listener {
    type Io = Connection;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Connection, SocketAddr) {
        // The semaphore is never closed.
        let slot = self.slots.clone().acquire_owned().await.ok();
        let (io, addr) = axum::serve::Listener::accept(&mut self.listener).await;
        let mut connection = Connection::new(io);
        connection.timers = Some(Timers::new(self.limits, slot));
        (connection, addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }
}

/// Where a connection is in a request, for its timeouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// No byte of a request yet: idle.
    Waiting,
    /// Reading a request's head.
    Head,
    /// The head is in; the request is handled until its answer begins.
    Handling,
}

/// A connection's timeouts, and its place among the connections served.
struct Timers {
    limits: Limits,
    phase: Phase,
    /// When the phase's time is up (none while handling).
    deadline: Pin<Box<Sleep>>,
    /// The last bytes read, to find a head's end across reads.
    tail: [u8; 3],
    /// The task that last found nothing to read: woken when a timer starts,
    /// so that its next read polls the timer too.
    reader: Option<Waker>,
    _slot: Option<OwnedSemaphorePermit>,
}

impl Timers {
    fn new(limits: Limits, slot: Option<OwnedSemaphorePermit>) -> Timers {
        let deadline = Box::pin(tokio::time::sleep(limits.idle_timeout));
        Timers { limits, phase: Phase::Waiting, deadline, tail: [0; 3], reader: None, _slot: slot }
    }

    fn enter(&mut self, phase: Phase) {
        self.phase = phase;
        let wait = match phase {
            Phase::Waiting => self.limits.idle_timeout,
            Phase::Head => self.limits.header_timeout,
            Phase::Handling => return,
        };
        self.deadline.as_mut().reset(Instant::now() + wait);
    }

    /// Bytes read: a request's head begins, or ends at a blank line.
    fn read(&mut self, new: &[u8]) {
        if new.is_empty() {
            return;
        }
        if self.phase == Phase::Waiting {
            self.enter(Phase::Head);
            self.tail = [0; 3];
        }
        if self.phase == Phase::Head {
            // A blank line within these bytes, or across the last read's.
            let mut joint = self.tail.to_vec();
            joint.extend_from_slice(&new[..new.len().min(3)]);
            let ended = blank_line(&joint) || blank_line(new);
            let mut last = self.tail.to_vec();
            last.extend_from_slice(&new[new.len().saturating_sub(3)..]);
            self.tail.copy_from_slice(&last[last.len() - 3..]);
            if ended {
                self.enter(Phase::Handling);
            }
        }
    }

    /// Bytes written: an answer is under way, and the connection waits for
    /// the next request (or for the rest of the answer to go out).
    fn wrote(&mut self) {
        if self.phase == Phase::Handling
            && let Some(reader) = self.reader.take()
        {
            reader.wake();
        }
        if self.phase != Phase::Head {
            self.enter(Phase::Waiting);
        }
    }

    /// Whether the phase's time is up; if not, the task is woken when it is.
    fn expired(&mut self, cx: &mut Context<'_>) -> Option<&'static str> {
        self.reader = Some(cx.waker().clone());
        let what = match self.phase {
            Phase::Waiting => "idle",
            Phase::Head => "request head",
            Phase::Handling => return None,
        };
        self.deadline.as_mut().poll(cx).is_ready().then_some(what)
    }
}

/// Whether `bytes` hold a blank line: the end of a head (a line ending in
/// LF or CRLF, as hyper takes either).
fn blank_line(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|w| w == b"\n\n") || bytes.windows(3).any(|w| w == b"\n\r\n")
}

/// A connection: it keeps the first bytes of the request being read, and
/// writes an answer with a body in place of hyper's empty refusal.
pub struct Connection<S = TcpStream> {
    io: S,
    /// The first bytes read since the last answer was written.
    head: Vec<u8>,
    /// Whether the next write begins an answer: nothing was written since
    /// the connection opened or since bytes of a new request were read.
    at_start: bool,
    /// An answer written in place of hyper's: its bytes, how many are out,
    /// and how many bytes of hyper's it stands for.
    answer: Option<(Vec<u8>, usize, usize)>,
    /// The timeouts (none for a connection of the unit tests).
    timers: Option<Timers>,
}

impl<S> Connection<S> {
    fn new(io: S) -> Self {
        let head = Vec::with_capacity(HEAD);
        Connection { io, head, at_start: true, answer: None, timers: None }
    }

    /// Whether `buf`, about to be written, is hyper's refusal at the start
    /// of an answer: if so, the answer to write instead is set.
    fn replaces(&mut self, buf: &[u8]) -> bool {
        if self.answer.is_none() && self.at_start {
            if let Some(status) = refusal(buf) {
                self.answer = Some((answer(status, api(&self.head)), 0, buf.len()));
            }
        }
        self.answer.is_some()
    }

    /// The outcome of a write passed through: once a byte is out, the next
    /// write continues this answer.
    fn passed(&mut self, polled: Poll<io::Result<usize>>) -> Poll<io::Result<usize>> {
        if let Poll::Ready(Ok(n)) = &polled
            && *n > 0
        {
            self.at_start = false;
            if let Some(t) = &mut self.timers {
                t.wrote();
            }
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> Connection<S> {
    /// Writes the answer set by [`Connection::replaces`] in place of the
    /// `len` bytes of hyper's refusal.
    fn poll_answer(&mut self, cx: &mut Context<'_>, len: usize) -> Poll<io::Result<usize>> {
        let Some((bytes, out, stands_for)) = self.answer.as_mut() else { unreachable!("set by replaces") };
        while *out < bytes.len() {
            match Pin::new(&mut self.io).poll_write(cx, &bytes[*out..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => *out += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        let written = (*stands_for).min(len);
        self.answer = None;
        self.at_start = false;
        if let Some(t) = &mut self.timers {
            t.wrote();
        }
        Poll::Ready(Ok(written))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Connection<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        if polled.is_pending()
            && let Some(what) = this.timers.as_mut().and_then(|t| t.expired(cx))
        {
            tracing::debug!(what, "closing a connection that timed out");
            let e = io::Error::new(io::ErrorKind::TimedOut, format!("{what} timeout"));
            return Poll::Ready(Err(e));
        }
        let new = &buf.filled()[before..];
        if let Some(t) = &mut this.timers {
            t.read(new);
        }
        if !new.is_empty() && !this.at_start {
            // A new request after an answer: the next write starts one.
            this.head.clear();
            this.at_start = true;
        }
        if this.head.len() < HEAD {
            let take = new.len().min(HEAD - this.head.len());
            this.head.extend_from_slice(&new[..take]);
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Connection<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replaces(buf) {
            return this.poll_answer(cx, buf.len());
        }
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        this.passed(polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        // hyper's refusal is a head alone: the first buffer with bytes.
        let first = bufs.iter().find(|b| !b.is_empty()).map_or(&[][..], |b| &b[..]);
        if this.replaces(first) && bufs.iter().map(|b| b.len()).sum::<usize>() == first.len() {
            return this.poll_answer(cx, first.len());
        }
        this.answer = None;
        let polled = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.passed(polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
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

    /// A connection's other end: it hands out `input` and takes at most
    /// `most` bytes a write, as a busy socket does.
    struct Peer {
        input: io::Cursor<Vec<u8>>,
        output: Vec<u8>,
        most: usize,
    }

    impl AsyncRead for Peer {
        fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().input).poll_read(cx, buf)
        }
    }

    impl AsyncWrite for Peer {
        fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
            let this = self.get_mut();
            let n = buf.len().min(this.most);
            this.output.extend_from_slice(&buf[..n]);
            Poll::Ready(Ok(n))
        }

        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    fn connection(request: &[u8], most: usize) -> Connection<Peer> {
        Connection::new(Peer { input: io::Cursor::new(request.to_vec()), output: Vec::new(), most })
    }

    const REFUSAL: &[u8] = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";

    #[tokio::test]
    async fn hypers_400_gets_a_body() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut c = connection(b"GET /api/cities HTTP/1.1\r\nbad header\r\n\r\n", usize::MAX);
        c.read(&mut [0; 1024]).await.unwrap();
        c.write_all(REFUSAL).await.unwrap();
        let out = String::from_utf8(c.io.output).unwrap();
        assert!(out.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{out}");
        assert!(out.contains("content-type: application/json") && out.ends_with('}'), "{out}");
    }

    #[tokio::test]
    async fn a_write_that_starts_mid_body_passes_untouched() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // An answer whose body is what hyper's refusal looks like, written
        // by a socket that takes its head alone first: hyper writes the
        // rest from mid-body.
        let head = format!("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n", REFUSAL.len());
        let answer = [head.as_bytes(), REFUSAL].concat();
        let mut c = connection(b"GET /a-page HTTP/1.1\r\n\r\n", head.len());
        c.read(&mut [0; 1024]).await.unwrap();
        c.write_all(&answer).await.unwrap();
        assert_eq!(c.io.output, answer);
        // Vectored, head and body apart, the same.
        let mut c = connection(b"GET /a-page HTTP/1.1\r\n\r\n", usize::MAX);
        c.read(&mut [0; 1024]).await.unwrap();
        let bufs = [io::IoSlice::new(head.as_bytes()), io::IoSlice::new(REFUSAL)];
        let n = c.write_vectored(&bufs).await.unwrap();
        c.write_all(&answer[n..]).await.unwrap();
        c.write_vectored(&[io::IoSlice::new(REFUSAL)]).await.unwrap();
        assert_eq!(c.io.output, [&answer[..], REFUSAL].concat(), "no new request was read");
    }

    #[tokio::test]
    async fn a_head_ends_at_a_blank_line_even_across_reads() {
        let mut t = Timers::new(Limits::DEFAULT, None);
        t.read(b"GET / HTTP/1.1\r\nHost: x\r\n\r");
        assert_eq!(t.phase, Phase::Head);
        t.read(b"\n");
        assert_eq!(t.phase, Phase::Handling, "CRLF CRLF across two reads");
        t.read(b"a body\r\n\r\n");
        assert_eq!(t.phase, Phase::Handling, "a body is not a head");
        t.wrote();
        assert_eq!(t.phase, Phase::Waiting);
        t.read(b"GET / HTTP/1.1\nHost: x\n");
        assert_eq!(t.phase, Phase::Head);
        t.read(b"\n");
        assert_eq!(t.phase, Phase::Handling, "bare LFs");
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
