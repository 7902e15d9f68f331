//! `hrsearch serve` as a client sees it, on the real binary: the API gives
//! the commands' JSON byte for byte, refuses what it cannot answer with the
//! CLI's message and a 4xx, shrugs off hostile requests (path traversal, a
//! 100 KB query, bad UTF-8, a client that hangs up mid-answer) and keeps
//! serving, and picks up an `hrsearch index` run without a restart.

mod common;

use common::server::Server;
use common::{default_corpus, json, run, stderr, stdout};
use std::path::{Path, PathBuf};

/// The default corpus plus a report whose text holds markup, indexed into
/// a fresh folder by the server itself.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile");
    std::fs::create_dir_all(hostile.join("2020")).unwrap();
    std::fs::write(hostile.join("2020/chad.txt"), HOSTILE).unwrap();
    let index = dir.path().join("index");
    (dir, index, hostile)
}

pub const HOSTILE: &str = "Chad 2020 Human Rights Report\n\nExecutive Summary\n\nChad is a centralized republic. Observers quoted a zanzibarite leaflet that read <script>document.body.dataset.pwned = \"script\"</script> and <img src=x onerror=\"document.body.dataset.pwned='img'\"> in full.\n\nSection 1. Respect for the Integrity of the Person\n\na. Arbitrary Deprivation of Life and Other Unlawful or Politically Motivated Killings\n\nThere were reports that the government or its agents committed arbitrary or unlawful killings; the militia denied it.\n";

fn cli(index: &Path, corpus: &[&Path], args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    if args[0] == "sections" {
        return run(&all);
    }
    all.extend(["--index", index.to_str().unwrap()]);
    for c in corpus {
        all.extend(["--corpus", c.to_str().unwrap()]);
    }
    run(&all)
}

#[test]
fn the_api_answers_with_the_commands_json_byte_for_byte() {
    let (_dir, index, hostile) = setup();
    let corpus = default_corpus();
    let server = Server::start(&index, &[&corpus, &hostile]);
    assert!(
        server.stderr().contains("no index at") && server.stderr().contains("building"),
        "serve builds the index first: {}",
        server.stderr()
    );
    let pairs: [(&str, &[&str]); 6] = [
        (
            "/api/search?q=pretrial+detention&facets=true",
            &["search", "pretrial detention", "--facets", "--json"],
        ),
        (
            "/api/search?q=%22pretrial+detention%22&limit=3&offset=1&sort=year&fold=false",
            &[
                "search",
                "\"pretrial detention\"",
                "--limit",
                "3",
                "--offset",
                "1",
                "--sort",
                "year",
                "--no-fold",
                "--json",
            ],
        ),
        (
            "/api/search?q=torture&country=Kazakhstan&country=chad&year=2019..2021&section=torture&facets=1",
            &[
                "search",
                "torture",
                "--country",
                "Kazakhstan",
                "--country",
                "chad",
                "--year",
                "2019..2021",
                "--section",
                "torture",
                "--facets",
                "--json",
            ],
        ),
        (
            "/api/report?country=kazakhstan&year=2020&section=arrest",
            &[
                "report",
                "--country",
                "kazakhstan",
                "--year",
                "2020",
                "--section",
                "arrest",
                "--json",
            ],
        ),
        (
            "/api/trend?q=detention&by=section",
            &["trend", "detention", "--by", "section", "--json"],
        ),
        ("/api/sections", &["sections", "--json"]),
    ];
    for (target, args) in pairs {
        let (status, body) = server.get(target);
        assert_eq!(status, 200, "{target}: {body}");
        let out = cli(&index, &[&corpus, &hostile], args);
        assert_eq!(
            body,
            stdout(&out),
            "{target} and `hrsearch {}`",
            args.join(" ")
        );
    }
    // And the answers are the real ones.
    let (_, body) = server.get("/api/search?q=pretrial+detention&facets=true");
    let results = json(&body);
    assert_eq!(results["total"], 7);
    assert_eq!(results["hits"][0]["country"], "Kazakhstan");
    assert_eq!(
        results["hits"][0]["section_path"][2], "Pretrial Detention",
        "{body}"
    );
    let arrest = results["facets"]["section"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "integrity/arbitrary-arrest")
        .unwrap();
    assert_eq!(arrest["count"], 4);
}

#[test]
fn what_cannot_be_answered_is_a_4xx_with_the_clis_message() {
    let (_dir, index, hostile) = setup();
    let corpus = default_corpus();
    let server = Server::start(&index, &[&corpus, &hostile]);
    let cases: [(&str, &[&str], u16); 5] = [
        (
            "/api/search?q=torture+(prison",
            &["search", "torture (prison"],
            400,
        ),
        (
            "/api/search?q=torture&section=bananas",
            &["search", "torture", "--section", "bananas"],
            400,
        ),
        (
            "/api/search?q=torture&year=2015",
            &["search", "torture", "--year", "2015"],
            400,
        ),
        (
            "/api/search?q=torture&limit=20000",
            &["search", "torture", "--limit", "20000"],
            400,
        ),
        ("/api/report", &["report"], 400),
    ];
    for (target, args, want) in cases {
        let (status, body) = server.get(target);
        assert_eq!(status, want, "{target}: {body}");
        let out = cli(&index, &[&corpus, &hostile], args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let message = stderr(&out)
            .lines()
            .last()
            .unwrap()
            .trim_start_matches("hrsearch: ")
            .to_string();
        assert_eq!(json(&body)["error"], message, "{target}");
    }
    let (status, body) = server.get("/api/compare?country=kazakhstan&year=2019&year=2020");
    assert_eq!(status, 404, "{body}");
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .contains("no 2019 report"),
        "{body}"
    );
    let (status, body) = server.get("/api/search?q=torture&contry=chad");
    assert_eq!(status, 400);
    assert!(
        json(&body)["error"]
            .as_str()
            .unwrap()
            .starts_with("unknown parameter \"contry\""),
        "{body}"
    );
    let (status, _) = server.get("/api/nothing-here");
    assert_eq!(status, 404);
    let (status, _) = server.get("/api/search?q=torture&limit=ten");
    assert_eq!(status, 400);
    let post = server.raw(b"POST /api/search?q=torture HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(common::server::split_response(&post).0, 405);
}

#[test]
fn hostile_requests_get_a_clear_4xx_and_the_server_keeps_serving() {
    let (dir, index, hostile) = setup();
    let corpus = default_corpus();
    // A file beside the index that no request may reach.
    std::fs::write(dir.path().join("secret.txt"), "SECRET-CONTENT").unwrap();
    let mut server = Server::start(&index, &[&corpus, &hostile]);
    let still_serving = |server: &Server| {
        let (status, body) = server.get("/api/search?q=detention&limit=1");
        assert_eq!(status, 200, "{body}");
        assert_eq!(json(&body)["hits"][0]["country"], "Kazakhstan");
    };
    for target in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/app.js/../../secret.txt",
        "/static/..%2F..%2Fsecret.txt",
        "/api/report?country=..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/report?country=kazakhstan&year=2020&section=..%2F..%2Fsecret.txt",
        "/api/search?q=passwd&country=%2Fetc%2Fpasswd",
        "/index/meta.json",
        "/corpus/state-dept/2020/kazakhstan.txt",
    ] {
        let (status, body) = server.get(target);
        assert!((400..500).contains(&status), "{target}: {status} {body}");
        assert!(!body.contains("root:"), "{target}: {body}");
        assert!(!body.contains("SECRET-CONTENT"), "{target}: {body}");
        assert!(!body.contains("segments"), "{target}: {body}");
        still_serving(&server);
    }
    // A 100 KB query is longer than a URL may be (hyper's limit, 64 KB):
    // 414 URI Too Long. One of 50 KB reaches the query's own length limit
    // and is refused with the reason.
    let long = format!("/api/search?q={}", "torture+".repeat(12_500));
    let (status, _) = server.get(&long);
    assert_eq!(status, 414);
    still_serving(&server);
    let long = format!("/api/search?q={}", "torture+".repeat(6_250));
    let (status, body) = server.get(&long);
    assert_eq!(status, 400, "{}", &body[..body.len().min(300)]);
    let error = json(&body)["error"].as_str().unwrap().to_string();
    assert!(error.starts_with("cannot parse query"), "{error}");
    assert!(error.contains("2000"), "{error}");
    still_serving(&server);
    // Bad UTF-8: percent-encoded in a value, in a name, and raw in the line.
    for target in ["/api/search?q=%FF%FEtorture", "/api/search?q%C3=torture"] {
        let (status, body) = server.get(target);
        assert_eq!(status, 400, "{target}: {body}");
        assert!(
            json(&body)["error"].as_str().unwrap().contains("UTF-8"),
            "{body}"
        );
    }
    let raw =
        server.raw(b"GET /api/search?q=\xff\xfe HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    let status = common::server::split_response(&raw).0;
    assert!((400..500).contains(&status), "raw bad bytes: {status}");
    still_serving(&server);
    // Clients that hang up: before the answer, and in the middle of a big one.
    for _ in 0..5 {
        let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
        use std::io::{Read, Write};
        stream
            .write_all(b"GET /api/search?q=the&limit=10000&fold=false HTTP/1.1\r\nHost: t\r\n\r\n")
            .unwrap();
        let mut some = [0u8; 512];
        let _ = stream.read(&mut some);
        drop(stream);
        let half = std::net::TcpStream::connect(server.addr).unwrap();
        (&half).write_all(b"GET /api/search?q=tor").unwrap();
        drop(half);
    }
    still_serving(&server);
    assert!(server.alive(), "{}", server.stderr());
}

#[test]
fn a_new_commit_is_served_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    common::copy_tree(&default_corpus(), &corpus, &|_| true);
    let index = dir.path().join("index");
    let server = Server::start(&index, &[&corpus]);
    let count = |server: &Server| {
        let (status, body) = server.get("/api/search?q=zanzibarite&limit=0");
        assert_eq!(status, 200, "{body}");
        json(&body)["total"].as_u64().unwrap()
    };
    assert_eq!(count(&server), 0);
    std::fs::create_dir_all(corpus.join("2020")).unwrap();
    std::fs::write(corpus.join("2020/chad.txt"), HOSTILE).unwrap();
    common::index(&corpus, &index);
    let start = std::time::Instant::now();
    while count(&server) == 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the new commit was not picked up; stderr: {}",
            server.stderr()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(count(&server), 1);
    assert!(
        server.stderr().contains("the index changed"),
        "{}",
        server.stderr()
    );
}

#[test]
fn serve_listens_on_the_loopback_only_unless_told() {
    let out = run(&["serve", "--help"]);
    let help = stdout(&out);
    assert!(help.contains("[default: 127.0.0.1]"), "{help}");
    assert!(help.contains("[default: 8471]"), "{help}");
}
