//! Headless Chromium over WebDriver for the page's tests (chromium and
//! chromium-driver from Debian; `.ci/run` installs them).

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The first of these programs found on the PATH (or at that path).
pub fn find(names: &[&str]) -> Option<PathBuf> {
    names.iter().find_map(|name| {
        let direct = Path::new(name);
        if direct.is_absolute() {
            return direct.is_file().then(|| direct.to_path_buf());
        }
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    })
}

/// chromedriver on a free port, killed when dropped.
pub struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start_driver(path: &Path) -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver(child, port)
}

/// Evaluates a JS expression in the page.
pub async fn eval(client: &Client, expression: &str) -> Value {
    client
        .execute(&format!("return ({expression});"), Vec::new())
        .await
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

/// Waits until a JS expression is truthy; fails naming it.
pub async fn until(client: &Client, expression: &str) {
    let start = Instant::now();
    loop {
        let value = eval(client, expression).await;
        if !(value.is_null() || value == json!(false) || value == json!("") || value == json!(0)) {
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let body = eval(client, "document.body.innerText").await;
            panic!("waited 20 s for {expression}; the page says: {body}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn text(client: &Client, selector: &str) -> String {
    client
        .find(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("{selector}: {e}"))
        .text()
        .await
        .unwrap()
}

/// Skips, saying why; unless `.ci/run` installed a browser and said so
/// (HRSEARCH_REQUIRE_BROWSER=1), where a missing one is a failure.
pub fn skip(reason: &str) {
    if std::env::var_os("HRSEARCH_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
        panic!("{reason}, but HRSEARCH_REQUIRE_BROWSER=1 says it must run");
    }
    super::skip(reason);
}

/// The WebDriver and browser programs, or None having said why not.
pub struct Tools {
    driver: PathBuf,
    browser: PathBuf,
}

pub fn tools() -> Option<Tools> {
    let Some(driver) = find(&["chromedriver", "/usr/lib/chromium/chromedriver"]) else {
        skip("chromedriver is not installed (apt-get install chromium chromium-driver)");
        return None;
    };
    let Some(browser) = find(&["chromium", "chromium-browser", "google-chrome"]) else {
        skip("chromium is not installed (apt-get install chromium chromium-driver)");
        return None;
    };
    Some(Tools { driver, browser })
}

/// A WebDriver session in a fresh headless Chromium whose profile lives in
/// `dir`; the driver is killed when the returned `Driver` is dropped.
pub async fn session(tools: &Tools, dir: &Path) -> (Driver, Client) {
    let driver = start_driver(&tools.driver);
    // A closed network hangs Chromium's background services: all off, and
    // a fresh profile.
    let profile = dir.join("profile");
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": tools.browser.to_str().unwrap(),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a WebDriver session with headless Chromium");
    (driver, client)
}
