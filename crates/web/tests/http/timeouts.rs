//! The server's limits on its clients, over real connections: a client
//! that sends its request's head slowly, and a connection that sits idle,
//! are cut off while other clients are served; past the connection cap a
//! new connection waits until one ends. Each test runs a server of its own
//! on an empty registry, with limits of a second or two so that the tests
//! are short; the bounds they wait for are safety nets, not measurements.

use std::time::Duration;

use citynets_web::{Config, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a test waits for what must happen, at most.
const BOUND: Duration = Duration::from_secs(30);

/// A server on an empty registry with `limits`: its address.
async fn server(limits: Limits) -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    let reg = citynets_registry::Registry::open(dir.join("r.db").to_str().unwrap())
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(citynets_web::serve_with(
        reg,
        listener,
        Config {
            limits,
            ..Config::default()
        },
    ));
    addr
}

/// Reads until the server closes the connection (or resets it): what it
/// sent before. Panics when the connection is still open after [`BOUND`].
async fn until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(BOUND, stream.read(&mut buf)).await {
            Err(_) => {
                let got = String::from_utf8_lossy(&got);
                panic!("the connection is still open after {BOUND:?}; it sent {got}")
            }
            Ok(Ok(0)) | Ok(Err(_)) => return got,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

/// A connection kept alive after one request was answered on it (the
/// start of the answer read; any rest stays unread in the socket).
async fn answered_once(addr: &str) -> TcpStream {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /static/style.css HTTP/1.1\r\nHost: localhost\r\n\r\n").await.unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let n = tokio::time::timeout(BOUND, s.read(&mut buf)).await.unwrap().unwrap();
    let head = String::from_utf8_lossy(&buf[..n.min(200)]).into_owned();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    s
}

/// A normal client's request: its status.
async fn get(addr: &str, path: &str) -> u16 {
    let resp = tokio::time::timeout(BOUND, reqwest::get(format!("http://{addr}{path}"))).await;
    resp.expect("answered")
        .expect("a response")
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_cut_off_while_others_are_served() {
    let limits = Limits {
        header_timeout: Duration::from_secs(1),
        idle_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(30),
        max_connections: 16,
    };
    let addr = server(limits).await;

    // Slow clients: a header line every 300 ms, never the blank line that
    // ends the head.
    let mut slow = Vec::new();
    for i in 0..3 {
        let mut stream = TcpStream::connect(&addr).await.unwrap();
        stream
            .write_all(b"GET /api/networks HTTP/1.1\r\nHost: localhost\r\n")
            .await
            .unwrap();
        slow.push(tokio::spawn(async move {
            let (mut read, mut write) = stream.into_split();
            let drip = tokio::spawn(async move {
                for n in 0.. {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    if write
                        .write_all(format!("X-Drip-{i}: {n}\r\n").as_bytes())
                        .await
                        .is_err()
                    {
                        return n;
                    }
                }
                unreachable!()
            });
            let mut got = Vec::new();
            let mut buf = [0u8; 1024];
            loop {
                match tokio::time::timeout(BOUND, read.read(&mut buf)).await {
                    Err(_) => panic!("a slow client is still connected after {BOUND:?}"),
                    Ok(Ok(0)) | Ok(Err(_)) => break,
                    Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
                }
            }
            drip.abort();
            got
        }));
    }
    // An idle connection that never sends a byte, and one kept alive after
    // its answer.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    let mut kept = answered_once(&addr).await;

    // Normal clients are served meanwhile.
    for path in ["/api/networks", "/static/style.css", "/"] {
        assert_eq!(get(&addr, path).await, 200, "{path}");
    }

    // The slow ones are cut off without an answer to their unfinished
    // request, the idle ones too.
    for s in slow {
        let got = s.await.unwrap();
        assert!(
            got.is_empty(),
            "a slow client got {:?}",
            String::from_utf8_lossy(&got)
        );
    }
    assert!(until_closed(&mut silent).await.is_empty());
    let rest = until_closed(&mut kept).await;
    assert!(
        !rest.windows(9).any(|w| w == b"HTTP/1.1 "),
        "no second answer"
    );
    // And the server goes on serving.
    assert_eq!(get(&addr, "/api/networks").await, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_a_client_waits_for_a_free_one() {
    let limits = Limits {
        max_connections: 2,
        idle_timeout: Duration::from_secs(60),
        ..Limits::DEFAULT
    };
    let addr = server(limits).await;
    // Two connections hold both places (each answered once, so surely
    // accepted).
    let mut held = Vec::new();
    for _ in 0..2 {
        held.push(answered_once(&addr).await);
    }
    let mut third = TcpStream::connect(&addr).await.unwrap();
    third
        .write_all(
            b"GET /static/style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    let waited = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf)).await;
    assert!(
        waited.is_err(),
        "the third connection is not served while two are open"
    );
    drop(held.pop());
    let answer = until_closed(&mut third).await;
    assert!(
        answer.starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
}
