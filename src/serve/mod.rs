//! `hrsearch serve`: the search as a local web page and a JSON API, on
//! axum (tokio) with tower-http for compression and time-outs.
//!
//! - [`api`]: the endpoints, answering with the commands' JSON shapes from
//!   the same library calls; [`params`] reads their query strings strictly.
//! - [`assets`]: the page (HTML, CSS, JS), embedded in the binary: nothing
//!   is ever read from disk by path, so no URL reaches a file.
//! - [`live`]: the open index, re-opened when an `hrsearch index` run in
//!   another process commits, without a restart.
//!
//! Searches run on tokio's blocking pool, a few at a time (they are CPU
//! work); a failed one answers with the CLI's message and a status that
//! says whose fault it was, and the server goes on serving.

pub mod api;
pub mod assets;
mod live;
pub mod params;

use crate::index::PassageIndex;
use crate::output::jsont::ApiError;
use crate::search::Fault;
use api::{Endpoint, Failure};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use live::Live;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// A request taking longer than this is answered 408 (a search on the L
/// corpus takes milliseconds; this bounds a pathological one).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How often the index folder is checked for a new commit.
pub const RELOAD_EVERY: Duration = Duration::from_millis(500);

/// What the handlers share.
struct Shared {
    live: Arc<Live>,
    /// Searches running at once: one per core. A search is CPU work, so
    /// more at once only makes each slower (on 2 cores, two per core gave
    /// an in-server p99 of 39 ms under the load test, one per core 18 ms);
    /// a burst of clients queues for a slot instead.
    searches: Semaphore,
}

/// Serves until Ctrl-C. `ready` hears the address once the socket is
/// bound (before, nothing could connect; after, everything can).
pub fn run(
    index: PassageIndex,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            let busy = if e.kind() == std::io::ErrorKind::AddrInUse {
                "; another program (another `hrsearch serve`?) has that port: give --port another"
            } else {
                ""
            };
            anyhow::anyhow!(
                "cannot listen on {addr} ({}){busy}",
                crate::index::plain(&e)
            )
        })?;
        let bound = listener.local_addr()?;
        let live = Arc::new(Live::new(index));
        tokio::spawn(live::watch(live.clone(), RELOAD_EVERY));
        ready(bound);
        axum::serve(listener, router(live))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        eprintln!("hrsearch: stopped");
        Ok(())
    });
    // Answers are sent by now; nothing left on the runtime is worth
    // waiting for (an idle search thread, the index watcher's timer).
    runtime.shutdown_timeout(Duration::from_millis(100));
    served
}

/// The whole site: the API, the page and its assets, and a 404 for the rest.
fn router(live: Arc<Live>) -> Router {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let shared = Arc::new(Shared {
        live,
        searches: Semaphore::new(cores),
    });
    let mut router = Router::new();
    for endpoint in Endpoint::ALL {
        router = router.route(
            endpoint.path(),
            get(move |state: State<Arc<Shared>>, query: RawQuery| answer(state, endpoint, query)),
        );
    }
    router
        .merge(assets::routes())
        .fallback(not_found)
        .with_state(shared)
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

async fn answer(
    State(shared): State<Arc<Shared>>,
    endpoint: Endpoint,
    RawQuery(query): RawQuery,
) -> Response {
    let arrived = Instant::now();
    let index = shared.live.current();
    let Ok(_permit) = shared.searches.acquire().await else {
        return failure(&Failure {
            fault: Fault::Unavailable,
            message: "the server is shutting down".into(),
        });
    };
    let work = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let answer = api::answer(Some(&index), endpoint, query.as_deref());
        (answer, started)
    });
    let done = work.await;
    let ended = Instant::now();
    let mut response = match done {
        Ok((answer, started)) => {
            let mut response = match answer {
                Ok(body) => json_response(StatusCode::OK, body),
                Err(fail) => failure(&fail),
            };
            // Where the time went, for the browser's developer tools and
            // the load test: waiting for a search slot, and the search
            // (the library call and the JSON).
            let timing = format!(
                "wait;dur={:.3}, search;dur={:.3}",
                ms(started.saturating_duration_since(arrived)),
                ms(ended.saturating_duration_since(started))
            );
            if let Ok(value) = HeaderValue::from_str(&timing) {
                response.headers_mut().insert("server-timing", value);
            }
            response
        }
        // A panic in the search (a bug, or an index file damaged in a way
        // tantivy could not check): the hook printed it; this request
        // fails, the server goes on.
        Err(_) => failure(&Failure {
            fault: Fault::Internal,
            message: "internal error while answering; if an index file is damaged, `hrsearch index --rebuild` fixes it".into(),
        }),
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The status a fault answers with.
pub fn status(fault: Fault) -> StatusCode {
    match fault {
        Fault::Request => StatusCode::BAD_REQUEST,
        Fault::NotFound => StatusCode::NOT_FOUND,
        Fault::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Fault::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn failure(fail: &Failure) -> Response {
    let body = serde_json::to_vec(&ApiError {
        error: &fail.message,
    })
    .unwrap_or_default();
    json_response(status(fail.fault), body)
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api") {
        let paths: Vec<&str> = Endpoint::ALL.iter().map(|e| e.path()).collect();
        return failure(&Failure {
            fault: Fault::NotFound,
            message: format!("no such endpoint; the API has {}", paths.join(", ")),
        });
    }
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found: this server has the page at / and the API under /api/\n",
    )
        .into_response()
}

/// The URL people open for an address: `http://127.0.0.1:8471/`.
pub fn url(addr: SocketAddr) -> String {
    let host = if addr.ip().is_unspecified() {
        // Listening everywhere: this machine reaches it on the loopback.
        "127.0.0.1".to_string()
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    format!("http://{host}:{}/", addr.port())
}

/// Whether an address is reachable from other machines.
pub fn is_public(addr: SocketAddr) -> bool {
    !addr.ip().is_loopback()
}

/// The folder being served, for messages.
pub fn describe(dir: &Path, passages: u64) -> String {
    format!(
        "the index at {} ({passages} passages)",
        crate::output::summary::folder(dir)
    )
}
