//! The page and its assets, compiled into the binary (no CDN, no build
//! step): one HTML file, one stylesheet, one script. Only these three
//! paths are served; no request path is ever joined to a folder, so none
//! (`/../../etc/passwd`, `/%2e%2e/`) can reach a file.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;

pub const INDEX_HTML: &str = include_str!("page/index.html");
pub const STYLE_CSS: &str = include_str!("page/style.css");
pub const APP_JS: &str = include_str!("page/app.js");

/// Scripts and styles from this server only, no inline script, no
/// framing: report text that slipped past escaping could still not run.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
            // Served by the binary that answers the API: reloading after an
            // upgrade must not mix an old script with a new API.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
}

/// The routes of the page and its assets.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
}

/// The page's weight: HTML, CSS and script, uncompressed.
pub fn page_bytes() -> usize {
    INDEX_HTML.len() + STYLE_CSS.len() + APP_JS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_weighs_under_100_kb_and_loads_only_its_own_assets() {
        assert!(page_bytes() < 100 * 1024, "{} bytes", page_bytes());
        assert!(INDEX_HTML.contains("src=\"/app.js\""));
        assert!(INDEX_HTML.contains("href=\"/style.css\""));
        for text in [INDEX_HTML, STYLE_CSS, APP_JS] {
            assert!(!text.contains("http://") && !text.contains("https://"));
        }
    }

    #[test]
    fn the_script_never_writes_html_from_data() {
        // Report text reaches the page only through textContent and text
        // nodes: any innerHTML would be a way for a report to inject markup.
        assert!(!APP_JS.contains("innerHTML"));
        assert!(!APP_JS.contains("outerHTML"));
        assert!(!APP_JS.contains("insertAdjacentHTML"));
        assert!(!APP_JS.contains("document.write"));
    }
}
