//! `hrsearch serve`: open (or build) the index, then serve the page and
//! the API until Ctrl-C.

use crate::cli::ServeArgs;
use crate::exit_codes::Exit;
use hrsearch::serve;
use std::io::Write;
use std::net::SocketAddr;

pub fn run(args: ServeArgs) -> anyhow::Result<Exit> {
    let index = super::open_or_build(&args.locations)?;
    let what = serve::describe(&args.locations.index, index.info.passages);
    serve::run(index, SocketAddr::new(args.host, args.port), |addr| {
        let url = serve::url(addr);
        // The URL on stdout, alone on its line, for people and scripts.
        println!("{url}");
        let _ = std::io::stdout().flush();
        eprintln!("hrsearch: serving {what} at {url}; Ctrl-C stops");
        if serve::is_public(addr) {
            eprintln!(
                "hrsearch: warning: listening on {addr}, reachable from other machines; the server has no access control"
            );
        }
        if args.open
            && let Err(e) = opener::open_browser(&url)
        {
            eprintln!("hrsearch: warning: cannot open a browser ({e}); open {url} yourself");
        }
    })?;
    Ok(Exit::Success)
}
