//! The page in a real browser: headless Chromium driven over WebDriver
//! (chromium and chromium-driver from Debian; `.ci/run` installs them).
//! It types "pretrial detention", checks the first hit's citation, clicks
//! the integrity/arbitrary-arrest facet and checks the count, opens the
//! report view, reloads to see the state survive the URL, goes back, finds
//! report text holding `<script>` shown as text, and measures the first
//! result painted. Screenshots of the results and the report view are
//! saved under the target folder (`target/tmp/hrsearch-*.png`). Without a
//! browser the test skips, saying why. A second test opens a hit from a
//! shared PDF and checks the part marked and cited is the hit's own.

mod common;

use common::browser::{self, eval, text, until};
use common::default_corpus;
use common::server::Server;
use fantoccini::Locator;
use std::path::Path;

const HOSTILE: &str = "Chad 2020 Human Rights Report\n\nExecutive Summary\n\nChad is a centralized republic. Observers quoted a zanzibarite leaflet that read <script>document.body.dataset.pwned = \"script\"</script> and <img src=x onerror=\"document.body.dataset.pwned='img'\"> in full.\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_searches_filters_opens_a_report_and_keeps_its_state_in_the_url() {
    let Some(tools) = browser::tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile");
    std::fs::create_dir_all(hostile.join("2020")).unwrap();
    std::fs::write(hostile.join("2020/chad.txt"), HOSTILE).unwrap();
    let corpus = default_corpus();
    let server = Server::start(&dir.path().join("index"), &[&corpus, &hostile]);
    let (_driver, client) = browser::session(&tools, dir.path()).await;

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

/// A hit from a PDF has pages, not bytes: opening it marks the part of the
/// report that holds it (not the section's first part on the same page),
/// and "Copy citation" cites that part's headings and pages, after a
/// reload too. Needs ../shared (a real State Department PDF).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hit_from_a_pdf_opens_and_cites_its_own_part() {
    let Some(shared) = common::shared_corpus() else {
        return;
    };
    let Some(tools) = browser::tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("2023")).unwrap();
    std::fs::copy(
        shared.join("state-dept-pdf/2023/kazakhstan.pdf"),
        corpus.join("2023/kazakhstan.pdf"),
    )
    .unwrap();
    let index = dir.path().join("index");
    let server = Server::start(&index, &[&corpus]);
    // The hit as the API gives it, from the same library through the CLI.
    let query = [
        "\"pretrial detention\"",
        "--section",
        "arrest",
        "--limit",
        "1",
    ];
    let mut args = vec!["search", "--json", "--index", index.to_str().unwrap()];
    args.extend(query);
    let found: serde_json::Value =
        serde_json::from_str(&common::stdout(&common::run(&args))).unwrap();
    let hit = &found["hits"][0];
    assert!(
        hit["byte_range"].is_null() && hit["pages"].is_array(),
        "{hit}"
    );
    let headings: Vec<&str> = hit["section_path"].as_array().unwrap()[1..]
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let opening: String = hit["text"].as_str().unwrap().chars().take(40).collect();

    let (_driver, client) = browser::session(&tools, dir.path()).await;
    client
        .goto(&format!(
            "{}?q=%22pretrial+detention%22&section=arrest",
            server.url
        ))
        .await
        .unwrap();
    until(&client, "document.querySelector('#hits .cite')").await;
    client
        .find(Locator::Css("#hits .cite"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for reload in [false, true] {
        if reload {
            client.refresh().await.unwrap();
        }
        until(&client, "document.querySelector('#report section.current')").await;
        let current = text(&client, "#report section.current").await;
        assert!(current.contains(&opening), "{opening:?} not in {current}");
        let cited = text(&client, "#citation").await;
        assert!(cited.contains(&headings.join(" › ")), "{cited}");
        assert!(cited.contains(", p. "), "{cited}");
    }
}
