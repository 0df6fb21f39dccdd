//! What the HTTP and the browser tests share: the demo in-process on
//! 127.0.0.1:0 with a temporary SQLite file and a clock moved by hand,
//! and a hand-written HTTP/1.1 client.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use realname::chrono::{TimeZone, Utc};
use realname::store::Keyring;
use realname_demo::{Clock, Config, Service, spawn};
use realname_sqlite::SqliteStore;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct Demo {
    pub addr: SocketAddr,
    pub clock: Clock,
    pub service: Arc<Service<SqliteStore>>,
    pub _dir: tempfile::TempDir,
}

pub async fn start(config: Config) -> Demo {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let ring = Keyring::new(b"a test secret of at least 32 bytes!!").expect("a keyring");
    let store = SqliteStore::open(dir.path().join("demo.sqlite3"), ring).expect("the store");
    // Monday 1 June 2026, 10:00 in Beijing.
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap());
    let service = Arc::new(Service::new(
        store,
        config.parties(),
        b"sms secret for the tests",
        clock.clone(),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    // The sweeper runs rarely here: the tests call what they need.
    let running = spawn(service, listener, StdDuration::from_secs(3600)).expect("the server");
    Demo {
        addr: running.addr,
        clock,
        service: running.service,
        _dir: dir,
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }
}

/// One request over a fresh connection (`Connection: close`).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    ctype: &str,
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.expect("write");
    s.write_all(body).await.expect("write");
    // Read by the length the server gives: chromedriver answers
    // `Connection: close` and keeps the connection open all the same.
    let mut raw = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = s.read(&mut buf).await.expect("read");
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head.lines().find_map(|l| {
                l.strip_prefix("content-length:")
                    .and_then(|v| v.trim().parse::<usize>().ok())
            });
            if length.is_some_and(|len| raw.len() >= end + 4 + len) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Reply {
        status,
        headers: headers.to_owned(),
        body,
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(rest.get(..n).unwrap_or(rest));
        s = rest.get(n + 2..).unwrap_or("");
    }
    out
}
