//! The page in a real browser: headless Chromium driven over WebDriver
//! (chromium and chromium-driver from Debian; `.ci/run` installs them).
//! It types "pretrial detention", checks the first hit's citation, clicks
//! the integrity/arbitrary-arrest facet and checks the count, opens the
//! report view, reloads to see the state survive the URL, goes back, finds
//! report text holding `<script>` shown as text, and measures the first
//! result painted. Screenshots of the results and the report view are
//! saved under the target folder (`target/tmp/hrsearch-*.png`). Without a
//! browser the test skips, saying why.

mod common;

use common::default_corpus;
use common::server::Server;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const HOSTILE: &str = "Chad 2020 Human Rights Report\n\nExecutive Summary\n\nChad is a centralized republic. Observers quoted a zanzibarite leaflet that read <script>document.body.dataset.pwned = \"script\"</script> and <img src=x onerror=\"document.body.dataset.pwned='img'\"> in full.\n";

/// The first of these programs found on the PATH (or at that path).
fn find(names: &[&str]) -> Option<PathBuf> {
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
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_driver(path: &Path) -> Driver {
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
async fn eval(client: &Client, expression: &str) -> Value {
    client
        .execute(&format!("return ({expression});"), Vec::new())
        .await
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

/// Waits until a JS expression is truthy; fails naming it.
async fn until(client: &Client, expression: &str) {
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

async fn text(client: &Client, selector: &str) -> String {
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
fn skip(reason: &str) {
    if std::env::var_os("HRSEARCH_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
        panic!("{reason}, but HRSEARCH_REQUIRE_BROWSER=1 says it must run");
    }
    common::skip(reason);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_searches_filters_opens_a_report_and_keeps_its_state_in_the_url() {
    let Some(driver_path) = find(&["chromedriver", "/usr/lib/chromium/chromedriver"]) else {
        skip("chromedriver is not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let Some(browser) = find(&["chromium", "chromium-browser", "google-chrome"]) else {
        skip("chromium is not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile");
    std::fs::create_dir_all(hostile.join("2020")).unwrap();
    std::fs::write(hostile.join("2020/chad.txt"), HOSTILE).unwrap();
    let corpus = default_corpus();
    let server = Server::start(&dir.path().join("index"), &[&corpus, &hostile]);
    let driver = start_driver(&driver_path);
    // A closed network hangs Chromium's background services: all off, and
    // a fresh profile.
    let profile = dir.path().join("profile");
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": browser.to_str().unwrap(),
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

    // The first result painted, on a load of a search URL: once in a
    // browser just started, then as a user's browser would load it.
    let mut painted = Vec::new();
    for _ in 0..2 {
        client
            .goto(&format!("{}?q=pretrial+detention", server.url))
            .await
            .unwrap();
        until(&client, "document.body.dataset.firstResultMs").await;
        let ms = eval(&client, "Number(document.body.dataset.firstResultMs)").await;
        painted.push(ms.as_f64().unwrap());
    }
    eprintln!(
        "first result painted {:.0} ms after navigation started ({:.0} ms in a browser just started)",
        painted[1], painted[0]
    );
    // The target is 300 ms (a release build measures well under it); a
    // debug build on a busy CI machine gets some slack.
    assert!(
        painted[1] < 1000.0,
        "first result painted after {} ms",
        painted[1]
    );

    // Type the search: "/" focuses the box from anywhere on the page.
    client.goto(&server.url).await.unwrap();
    until(&client, "document.getElementById('q')").await;
    eval(&client, "document.activeElement.blur() || true").await;
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("/")
        .await
        .unwrap();
    assert_eq!(eval(&client, "document.activeElement.id").await, "q");
    let search_box = client.find(Locator::Css("#q")).await.unwrap();
    search_box.send_keys("pretrial detention").await.unwrap();
    client
        .find(Locator::Css("#search button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "document.querySelectorAll('#hits .hit').length > 0",
    )
    .await;
    assert_eq!(text(&client, "#status").await, "1–7 of 7 matching passages");
    assert_eq!(
        text(&client, "#hits .hit .cite").await,
        "1. Kazakhstan 2020 › Section 1. Respect for the Integrity of the Person, Including Freedom from › d. Arbitrary Arrest or Detention › Pretrial Detention"
    );
    assert_eq!(
        eval(
            &client,
            "document.querySelector('#hits .hit mark').textContent"
        )
        .await,
        "Pretrial"
    );
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/?q=pretrial+detention")
    );

    // The section facet: its count, then a click filters to it.
    let facet = "button.facet[data-kind='section'][data-value='integrity/arbitrary-arrest']";
    assert_eq!(text(&client, &format!("{facet} .count")).await, "4");
    client
        .find(Locator::Css(facet))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "document.getElementById('status').textContent === '1–4 of 4 matching passages'",
    )
    .await;
    assert_eq!(
        eval(
            &client,
            &format!("document.querySelector(\"{facet}\").getAttribute('aria-pressed')")
        )
        .await,
        "true"
    );
    let filtered = client.current_url().await.unwrap().to_string();
    assert!(
        filtered.contains("section=integrity%2Farbitrary-arrest"),
        "{filtered}"
    );
    assert_eq!(
        eval(&client, "[...document.querySelectorAll('#hits .code')].every(c => c.textContent.includes('integrity/arbitrary-arrest'))").await,
        true
    );
    let results_shot = client.screenshot().await.unwrap();

    // Reload: the filtered search comes back from the URL alone.
    client.refresh().await.unwrap();
    until(
        &client,
        "document.getElementById('status').textContent === '1–4 of 4 matching passages'",
    )
    .await;
    assert_eq!(
        eval(&client, "document.getElementById('q').value").await,
        "pretrial detention"
    );

    // Open the first hit: its whole section, the hit's part marked.
    client
        .find(Locator::Css("#hits .hit .cite"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "!document.getElementById('report').hidden && document.querySelector('#report h2')",
    )
    .await;
    assert_eq!(
        text(&client, "#report h2").await,
        "Kazakhstan 2020 Human Rights Report"
    );
    let current = text(&client, "#report section.current").await;
    assert!(
        current
            .contains("Pretrial Detention: The law allows police to hold a detainee for 48 hours"),
        "{current}"
    );
    assert_eq!(
        text(&client, "#citation").await,
        "U.S. Department of State, Kazakhstan 2020 Human Rights Report, section 1.d: d. Arbitrary Arrest or Detention › Pretrial Detention"
    );
    client
        .find(Locator::Css("#copy-citation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "document.getElementById('copy-citation').textContent === 'Copied'",
    )
    .await;
    let report_shot = client.screenshot().await.unwrap();

    // Reload the report's URL: the same report view.
    let report_url = client.current_url().await.unwrap().to_string();
    assert!(
        report_url.contains("report=kazakhstan%2F2020"),
        "{report_url}"
    );
    client.refresh().await.unwrap();
    until(&client, "document.querySelector('#report section.current')").await;
    assert!(
        text(&client, "#report section.current")
            .await
            .contains("Pretrial Detention:")
    );

    // Back: the filtered results.
    client.back().await.unwrap();
    until(&client, "!document.getElementById('results').hidden && document.getElementById('status').textContent === '1–4 of 4 matching passages'").await;
    // A second click on the facet removes the filter.
    client
        .find(Locator::Css(facet))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until(
        &client,
        "document.getElementById('status').textContent === '1–7 of 7 matching passages'",
    )
    .await;

    // Report text holding markup shows as text and runs nothing.
    client
        .goto(&format!("{}?q=zanzibarite", server.url))
        .await
        .unwrap();
    until(
        &client,
        "document.querySelectorAll('#hits .hit').length === 1",
    )
    .await;
    let snippet = text(&client, "#hits .snippet").await;
    assert!(
        snippet.contains("<script>document.body.dataset.pwned = \"script\"</script>"),
        "{snippet}"
    );
    assert!(snippet.contains("<img src=x onerror="), "{snippet}");
    assert_eq!(
        eval(
            &client,
            "document.querySelectorAll('#hits script, #hits img').length"
        )
        .await,
        0
    );
    assert_eq!(
        eval(&client, "document.body.dataset.pwned === undefined").await,
        true
    );

    // A phone: the page fits its width, facets above the results.
    client.set_window_size(390, 844).await.unwrap();
    client
        .goto(&format!("{}?q=pretrial+detention", server.url))
        .await
        .unwrap();
    until(
        &client,
        "document.querySelectorAll('#hits .hit').length > 0",
    )
    .await;
    assert_eq!(
        eval(
            &client,
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        .await,
        true
    );
    assert_eq!(
        eval(&client, "document.getElementById('facets').getBoundingClientRect().top < document.getElementById('results').getBoundingClientRect().top").await,
        true
    );
    client.close().await.unwrap();

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR"));
    for (name, shot) in [
        ("hrsearch-results.png", results_shot),
        ("hrsearch-report.png", report_shot),
    ] {
        std::fs::write(artifacts.join(name), shot).unwrap();
        eprintln!("screenshot: {}", artifacts.join(name).display());
    }
}
