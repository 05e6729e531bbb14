//! Debian's Chromium driven through chromedriver: a chromedriver process of
//! the test's own on an ephemeral port, a headless Chromium session with a
//! fresh profile, and the few page operations the tests need.
//!
//! Each test starts its own [`Browser`]; dropping it (also when the test
//! panics) asks chromedriver to shut down, which ends its Chromium, and then
//! makes sure the chromedriver process is gone.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::server;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The size of the viewport, the part of the window that shows the page
/// (and so of screenshots). The window is started at this size and then
/// grown by what headless Chromium keeps for its toolbars.
pub const VIEWPORT: (u32, u32) = (1280, 900);

/// How long chromedriver may take to answer `/status`, and to exit when
/// asked to.
const DRIVER_TIMEOUT: Duration = Duration::from_secs(15);

/// True when Chromium and chromedriver are installed. When they are not,
/// says why the test skips, or fails when `CITYNETS_REQUIRE_BROWSER=1`
/// (CI sets it after installing them).
fn installed() -> bool {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER].into_iter().filter(|p| !Path::new(p).exists()).collect();
    if missing.is_empty() {
        return true;
    }
    let reason = format!("{} not installed; apt-get install chromium chromium-driver", missing.join(" and "));
    if std::env::var("CITYNETS_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
        panic!("CITYNETS_REQUIRE_BROWSER=1, but {reason}");
    }
    // Straight to stderr: the test harness would hide an `eprintln!` of a
    // test that passes, and a skip should be seen.
    let _ = writeln!(std::io::stderr(), "skipping: {reason}");
    false
}

/// A chromedriver process listening on 127.0.0.1; dropping it shuts it down.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver on a free port and waits until it is ready. A
    /// port taken between choosing and binding it makes chromedriver exit;
    /// then it is tried again on another.
    async fn start() -> ChromeDriver {
        for _ in 0..3 {
            let port = free_port();
            let child = Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("start {CHROMEDRIVER}: {e}"));
            let mut driver = ChromeDriver { child, port };
            if driver.wait_until_ready().await {
                return driver;
            }
        }
        panic!("{CHROMEDRIVER} did not become ready on any of three ports");
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Polls `/status` until it says ready; false when chromedriver exited
    /// or did not get ready in time. (Nothing to wait on but the answer.)
    async fn wait_until_ready(&mut self) -> bool {
        let status = format!("{}/status", self.url());
        let deadline = Instant::now() + DRIVER_TIMEOUT;
        while Instant::now() < deadline {
            if self.child.try_wait().expect("chromedriver's state").is_some() {
                return false;
            }
            if let Ok(resp) = reqwest::get(&status).await
                && let Ok(v) = resp.json::<Value>().await
                && v["value"]["ready"] == true
            {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    /// `GET /shutdown`: chromedriver ends its sessions (and so their
    /// browsers) and exits. Plain blocking I/O, since `Drop` cannot await.
    fn request_shutdown(&self) {
        let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)) else { return };
        let _ = stream.set_read_timeout(Some(DRIVER_TIMEOUT));
        let request = format!("GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.port);
        if stream.write_all(request.as_bytes()).is_ok() {
            let _ = stream.read_to_end(&mut Vec::new());
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        self.request_shutdown();
        let deadline = Instant::now() + DRIVER_TIMEOUT;
        while Instant::now() < deadline {
            if !matches!(self.child.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind an ephemeral port");
    listener.local_addr().expect("the ephemeral port").port()
}

/// The Chromium session's capabilities: headless, quiet (no background
/// connections, which this machine refuses), a fresh profile.
fn capabilities(profile: &Path) -> serde_json::Map<String, Value> {
    let (width, height) = VIEWPORT;
    let args = [
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},{height}"),
    ];
    let caps = json!({ "goog:chromeOptions": { "binary": CHROMIUM, "args": args } });
    let Value::Object(caps) = caps else { unreachable!("a JSON object literal") };
    caps
}

/// A headless Chromium session on the test server.
pub struct Browser {
    client: Client,
    // Dropped after the client, in this order: chromedriver ends Chromium,
    // then its profile is removed.
    _driver: ChromeDriver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A new session, or none (having said why) when Chromium is not
    /// installed: `let Some(b) = Browser::start().await else { return };`.
    pub async fn start() -> Option<Browser> {
        if !installed() {
            return None;
        }
        let driver = ChromeDriver::start().await;
        let profile = tempfile::tempdir().expect("a Chromium profile directory");
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities(profile.path()))
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| panic!("a Chromium session through chromedriver: {e}"));
        let browser = Browser { client, _driver: driver, _profile: profile };
        browser.fit_viewport().await;
        Some(browser)
    }

    /// Resizes the window so that its viewport is [`VIEWPORT`].
    async fn fit_viewport(&self) {
        let script = "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];";
        let frame = self.client.execute(script, Vec::new()).await.expect("the window's frame");
        let extra = |i: usize| frame[i].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or_else(|| panic!("a frame size: {frame}"));
        let (width, height) = VIEWPORT;
        self.client.set_window_size(width + extra(0), height + extra(1)).await.expect("resize the window");
    }

    /// Loads a path of the test server and waits for the page to load.
    pub async fn open(&self, path: &str) {
        self.client.goto(&server::url(path)).await.unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// The element a CSS selector finds first, waiting until there is one
    /// (up to fantoccini's default timeout).
    pub async fn wait_for(&self, css: &str) -> Element {
        // A submitted form may still be navigating: a lookup the navigation
        // aborts is tried again (each try waits on its own).
        for _ in 0..20 {
            match self.client.wait().for_element(Locator::Css(css)).await {
                Ok(e) => return e,
                Err(e) if e.to_string().contains("aborted by navigation") => continue,
                Err(e) => panic!("waiting for {css}: {e}"),
            }
        }
        panic!("waiting for {css}: navigations kept aborting the lookup")
    }

    /// Every element a CSS selector finds now.
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("find {css}: {e}"))
    }

    /// The current location's path and query (`/cities/bologna-it`).
    pub async fn location(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the location (path and query) is `path`, e.g. after a
    /// click on a link to it.
    pub async fn wait_for_location(&self, path: &str) {
        let url = self.client.current_url().await.expect("the current URL").join(path).expect("a URL for the path");
        self.client.wait().for_url(&url).await.unwrap_or_else(|e| panic!("waiting for {path}: {e}"));
    }

    /// The page's `h1` text.
    pub async fn h1(&self) -> String {
        text(&self.wait_for("h1").await).await
    }

    /// Types each value into the field of that name in the form `form`
    /// finds (a CSS selector) and presses the form's submit button, as a
    /// person would.
    pub async fn submit(&self, form: &str, fields: &[(&str, &str)]) {
        for (name, value) in fields {
            let input = self.wait_for(&format!("{form} [name=\"{name}\"]")).await;
            input.clear().await.unwrap_or_else(|e| panic!("clear {name}: {e}"));
            input.send_keys(value).await.unwrap_or_else(|e| panic!("type into {name}: {e}"));
        }
        let button = self.wait_for(&format!("{form} button[type=\"submit\"]")).await;
        button.click().await.unwrap_or_else(|e| panic!("submit {form}: {e}"));
    }

    /// The viewport as PNG.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("a screenshot")
    }
}

/// An element's rendered text.
pub async fn text(e: &Element) -> String {
    e.text().await.expect("an element's text")
}

/// An element's attribute, which must be there.
pub async fn attr(e: &Element, name: &str) -> String {
    e.attr(name).await.unwrap_or_else(|err| panic!("attribute {name}: {err}")).unwrap_or_else(|| panic!("no attribute {name}"))
}
