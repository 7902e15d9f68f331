//! Helpers for tests of `hrsearch serve`: start the real binary on a free
//! port of 127.0.0.1 (stopped when dropped), and speak HTTP/1.1 over a
//! plain socket, so that tests can also send what no client library
//! would (bad bytes, a request cut short).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running `hrsearch serve`.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    pub url: String,
    /// What it said on stderr up to now (read by a thread).
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    /// Starts `hrsearch serve --port 0` with these index and corpus
    /// folders, and waits for the URL it prints.
    pub fn start(index: &Path, corpus: &[&Path]) -> Server {
        let mut cmd = super::bin();
        cmd.args(["serve", "--port", "0", "--index", index.to_str().unwrap()]);
        for c in corpus {
            cmd.args(["--corpus", c.to_str().unwrap()]);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hrsearch serve starts");
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            while err.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let (tx, rx) = mpsc::channel();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = out.read_line(&mut line);
            let _ = tx.send(line);
            // Keep reading so the server never blocks on a full pipe.
            let mut rest = Vec::new();
            let _ = out.read_to_end(&mut rest);
        });
        let url = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_default()
            .trim()
            .to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "serve printed {url:?}; stderr: {}",
            stderr.lock().unwrap()
        );
        let addr: SocketAddr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap();
        Server {
            child,
            addr,
            url,
            stderr,
        }
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GET `target` (path and query as sent): status and body.
    pub fn get(&self, target: &str) -> (u16, String) {
        let response = self.raw(
            format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        split_response(&response)
    }

    /// Sends bytes as they are; returns what came back before the server
    /// closed the connection.
    pub fn raw(&self, request: &[u8]) -> Vec<u8> {
        let mut stream = TcpStream::connect(self.addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        response
    }

    /// Whether the server is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Status code and body of a raw HTTP/1.1 response (chunked bodies joined).
pub fn split_response(response: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(response);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return (status, String::new());
    };
    if !head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        return (status, body.to_string());
    }
    let mut joined = String::new();
    let mut rest = body;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || after.len() < size {
            break;
        }
        joined.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    (status, joined)
}
