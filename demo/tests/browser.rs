//! A real browser through the pages: Debian's `chromium` driven by
//! `chromedriver` over the WebDriver HTTP protocol, with a hand-written
//! client. Walks an individual's face verification and an organisation's
//! micro-deposit, and saves screenshots in `target/demo-screenshots/`.
//! Skips (and says so) when chromium or chromedriver is missing.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{Demo, request, start};
use realname_demo::Config;
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The W3C WebDriver key of an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find(name: &str, fallback: &str) -> Option<PathBuf> {
    if Path::new(fallback).exists() {
        return Some(PathBuf::from(fallback));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.exists())
    })
}

/// Decodes standard base64 (the screenshot's PNG).
fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let Some(v) = value(c) else { continue };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
    assert_eq!(base64_decode(""), b"");
}

/// A WebDriver session.
struct Browser {
    driver: SocketAddr,
    session: String,
    shots: PathBuf,
}

async fn call(driver: SocketAddr, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let r = request(driver, method, path, "application/json", body.as_bytes()).await;
    let v = r.json();
    assert!(
        r.status == 200,
        "WebDriver {method} {path}: {} {}",
        r.status,
        r.body
    );
    v["value"].clone()
}

impl Browser {
    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let p = format!("/session/{}{path}", self.session);
        call(self.driver, method, &p, body).await
    }

    async fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).await;
    }

    async fn element(&self, css: &str) -> String {
        // The page may still be loading after a click: try for a while.
        for _ in 0..50 {
            let p = format!("/session/{}/element", self.session);
            let body = json!({"using": "css selector", "value": css}).to_string();
            let r = request(self.driver, "POST", &p, "application/json", body.as_bytes()).await;
            if r.status == 200 {
                return r.json()["value"][ELEMENT].as_str().unwrap().to_owned();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no element {css}: {}", self.source().await);
    }

    async fn click(&self, css: &str) {
        let e = self.element(css).await;
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})))
            .await;
    }

    /// Clicks a button that loads another page, and waits for it: the
    /// new document's root is another element.
    async fn press(&self, css: &str) {
        let before = self.element("html").await;
        self.click(css).await;
        for _ in 0..100 {
            if self.element("html").await != before {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("clicking {css} loaded no page");
    }

    async fn fill(&self, css: &str, text: &str) {
        let e = self.element(css).await;
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({})))
            .await;
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// A GET on an element found by `css`, again while the page is
    /// being replaced (a stale element) for a while.
    async fn read(&self, css: &str, what: &str) -> String {
        for _ in 0..50 {
            let e = self.element(css).await;
            let p = format!("/session/{}/element/{e}/{what}", self.session);
            let r = request(self.driver, "GET", &p, "application/json", b"").await;
            if r.status == 200 {
                return r.json()["value"].as_str().unwrap_or_default().to_owned();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("could not read {what} of {css}");
    }

    async fn attribute(&self, css: &str, name: &str) -> String {
        self.read(css, &format!("attribute/{name}")).await
    }

    async fn text(&self, css: &str) -> String {
        self.read(css, "text").await
    }

    async fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until `#status` says `status`.
    async fn wait_status(&self, status: &str) {
        for _ in 0..50 {
            if self.attribute("#status", "data-status").await == status {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("status never {status}: {}", self.source().await);
    }

    async fn screenshot(&self, name: &str) {
        let b64 = self.cmd("GET", "/screenshot", None).await;
        let png = base64_decode(b64.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        println!("screenshot: {}", path.display());
    }
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Says why the test skipped; where `REALNAME_BROWSER_REQUIRED=1` (CI),
/// a skip is a failure.
fn skip(why: &str) {
    assert!(
        std::env::var("REALNAME_BROWSER_REQUIRED").as_deref() != Ok("1"),
        "browser test cannot run ({why}), and REALNAME_BROWSER_REQUIRED=1"
    );
    println!("browser test skipped: {why}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_walks_a_face_check_and_a_micro_deposit() {
    let (Some(chromium), Some(chromedriver)) = (
        find("chromium", CHROMIUM),
        find("chromedriver", CHROMEDRIVER),
    ) else {
        skip("chromium or chromedriver is not installed");
        return;
    };
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(child) = child else {
        skip("chromedriver would not start");
        return;
    };
    let _driver = Killed(child);
    let driver = SocketAddr::from(([127, 0, 0, 1], port));
    let mut ready = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(driver).await.is_ok() {
            let r = request(driver, "GET", "/status", "application/json", b"").await;
            if r.status == 200 && r.json()["value"]["ready"] == true {
                ready = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "chromedriver did not become ready");

    let profile = tempfile::tempdir().expect("a profile directory");
    let args = [
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--window-size=1100,1300".to_owned(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args},
    }}});
    let session = call(driver, "POST", "/session", Some(caps)).await;
    let session = session["sessionId"].as_str().unwrap().to_owned();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("demo-screenshots");
    std::fs::create_dir_all(&shots).expect("the screenshots' directory");
    let b = Browser {
        driver,
        session,
        shots,
    };
    let d = start(Config::default()).await;
    let session = b.session.clone();
    // The walk runs apart, so that the browser is closed whatever happens.
    let walked = tokio::spawn(async move { walk(&b, &d).await }).await;
    call(driver, "DELETE", &format!("/session/{session}"), None).await;
    if let Err(e) = walked {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn walk(b: &Browser, d: &Demo) {
    let base = format!("http://{}", d.addr);
    // Each walk apart, boxed: one future of all three overflows a debug
    // build's stack.
    Box::pin(walk_face(b, &base)).await;
    Box::pin(walk_deposit(b, &base)).await;
    Box::pin(walk_upload(b, d, &base)).await;
}

async fn walk_face(b: &Browser, base: &str) {
    // 1. An individual's face verification at Baidu.
    b.go(&format!("{base}/")).await;
    b.click("#provider option[value=baidu]").await;
    b.click("#subject option[value=individual]").await;
    b.press("#choose").await;
    b.click("#method option[value=face]").await;
    b.screenshot("01-index-individual").await;
    b.press("#submit").await;
    b.wait_status("awaiting_applicant").await;
    b.press("#submit").await;
    b.element("#liveness-done").await;
    b.screenshot("02-face-waiting").await;
    b.press("#liveness-done").await;
    b.wait_status("verified").await;
    let person = b.text("#person").await;
    assert!(person.contains("张*"), "{person}");
    assert!(!b.source().await.contains("11010519491231002X"));
    b.screenshot("03-face-verified").await;
}

async fn walk_deposit(b: &Browser, base: &str) {
    // 2. An organisation's micro-deposit at Baidu.
    b.go(&format!("{base}/")).await;
    b.click("#provider option[value=baidu]").await;
    b.click("#subject option[value=organization]").await;
    b.press("#choose").await;
    b.click("#method option[value=corporate_transfer]").await;
    b.fill("#account", "corp-web-1").await;
    b.screenshot("04-index-organization").await;
    b.press("#submit").await;
    b.wait_status("awaiting_applicant").await;
    b.press("#submit").await;
    // The operator's face first.
    b.press("#liveness-done").await;
    let fen: u32 = b
        .attribute("#demo-payout-amount", "data-fen")
        .await
        .parse()
        .expect("the amount paid");
    b.screenshot("05-deposit-amount-entry").await;
    let wrong = if fen < 100 { fen + 1 } else { fen - 1 };
    b.fill("#amount", &format!("{}.{:02}", wrong / 100, wrong % 100))
        .await;
    b.press("#amount-submit").await;
    let code = b.attribute("#message", "data-code").await;
    assert_eq!(code, "wrong_amount");
    b.screenshot("06-deposit-wrong-amount").await;
    b.fill("#amount", &format!("{}.{:02}", fen / 100, fen % 100))
        .await;
    b.press("#amount-submit").await;
    b.wait_status("verified").await;
    b.screenshot("07-deposit-verified").await;
}

async fn walk_upload(b: &Browser, d: &Demo, base: &str) {
    // 3. A document upload at Huawei (international), reviewed after its
    // due time on the operator's page.
    let files = tempfile::tempdir().expect("a directory for the files");
    let file = |name: &str, bytes: usize| {
        let p = files.path().join(name);
        std::fs::write(&p, vec![0x42; bytes]).expect("a file to upload");
        p.display().to_string()
    };
    let (heic, png, jpg) = (
        file("id.heic", 2000),
        file("id.png", 3000),
        file("me.jpg", 4000),
    );
    b.go(&format!(
        "{base}/?provider=huawei_international&subject=individual"
    ))
    .await;
    b.click("#method option[value=document_upload]").await;
    b.fill("#account", "intl-web-1").await;
    b.press("#submit").await;
    b.wait_status("awaiting_applicant").await;
    b.fill("#file-document_image", &heic).await;
    b.fill("#file-handheld_photo", &jpg).await;
    b.press("#upload-submit").await;
    assert_eq!(b.attribute("#message", "data-code").await, "upload_format");
    b.screenshot("08-upload-format-refused").await;
    b.fill("#file-document_image", &png).await;
    b.fill("#file-handheld_photo", &jpg).await;
    b.press("#upload-submit").await;
    b.wait_status("in_review").await;
    let page = b.url().await;
    let id = page.rsplit('/').next().unwrap_or_default().to_owned();
    b.screenshot("09-upload-in-review").await;
    b.press("#to-operator").await;
    b.element(&format!("#approve-{id}")).await;
    b.screenshot("10-operator-waiting").await;
    // Five days on: past the three working days.
    d.clock.advance(realname::chrono::Duration::days(5));
    b.go(&format!("{base}/operator")).await;
    b.element(&format!("#overdue-{id}")).await;
    b.screenshot("11-operator-overdue").await;
    b.press(&format!("#approve-{id}")).await;
    b.element("#no-reviews").await;
    b.go(&page).await;
    b.wait_status("verified").await;
    b.screenshot("12-upload-verified").await;
}
