//! The whole command-line surface: every verb and option, with help.

use clap::{Args, Parser, Subcommand, ValueEnum};
use hrsearch::search::filters::YearRange;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "hrsearch",
    version,
    about = "Section-aware full-text search over the US State Department's Country Reports on Human Rights Practices",
    after_help = "Examples:\n  hrsearch search \"pretrial detention\"\n  hrsearch search torture --country kazakhstan --year 2019..2023 --facets\n  hrsearch index --corpus ../reports\n  hrsearch report --country kazakhstan --year 2020 --section arrest"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the index and the corpus are.
#[derive(Args, Debug, Clone)]
pub struct Locations {
    /// Index folder: a new or empty folder, or an hrsearch index (any other folder is refused and left untouched).
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Corpus folder(s) of report files (<year>/<country>.txt|md|html); repeat for several (`index` refuses to drop a folder an index holds, unless --rebuild).
    #[arg(long, value_name = "DIR", default_values = ["corpus"])]
    pub corpus: Vec<PathBuf>,
}

/// Which passages: by country, year and section.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only these countries (name or key: "Kyrgyz Republic", kyrgyz-republic); repeatable.
    #[arg(long, value_name = "C")]
    pub country: Vec<String>,
    /// Only these years: 2020, 2019..2021 or 2019-2021; repeatable.
    #[arg(long, value_name = "Y")]
    pub year: Vec<YearRange>,
    /// Only these sections: a topic (worker-rights), a word of its title (arrest) or a report code (1.d); repeatable.
    #[arg(long, value_name = "S")]
    pub section: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build or update the index from the corpus (only new, changed and removed files are touched).
    Index {
        #[command(flatten)]
        locations: Locations,
        /// Re-index every file from scratch (and drop corpus folders no --corpus names).
        #[arg(long)]
        rebuild: bool,
        /// Also index each two side-by-side words as one term: two-word phrase searches read one list instead of both words' positions (faster, for a server), at the cost of a longer build and a larger index. Kept by later updates; changing it takes --rebuild.
        #[arg(long, overrides_with = "no_phrase_pairs")]
        phrase_pairs: bool,
        /// Build the index without phrase pairs (with --rebuild, for an index that has them).
        #[arg(long)]
        no_phrase_pairs: bool,
        /// Print a JSON summary {"added", "updated", "removed", "unchanged", "skipped", "passages"}.
        #[arg(long)]
        json: bool,
    },
    /// Search passages: words are all required; "phrases", "phrase"~N, word*, OR, NOT/-word, (groups).
    Search(SearchArgs),
    /// Print chosen sections of chosen reports in full, in the reports' order (a custom report).
    Report {
        #[command(flatten)]
        locations: Locations,
        #[command(flatten)]
        filters: FilterArgs,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// How often a query matches by year (or country, or section): a chart, JSON, CSV or SVG.
    Trend(TrendArgs),
    /// Two editions of one country's report, section by section: what stayed, changed, was added or dropped.
    Compare(CompareArgs),
    /// Write indexed passages (all, or the filtered ones) as JSON Lines to stdout.
    Export {
        #[command(flatten)]
        locations: Locations,
        #[command(flatten)]
        filters: FilterArgs,
    },
    /// List the canonical outline: the topics --section accepts.
    Sections {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Show how report files are read: country, year and passages with their sections.
    Inspect {
        /// Report files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON Lines, one passage per line.
        #[arg(long)]
        json: bool,
    },
    /// Serve the search as a web page and a JSON API on this machine (http://127.0.0.1:8471/).
    Serve(ServeArgs),
}

/// `hrsearch serve`'s arguments.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  hrsearch serve\n  hrsearch serve --index ~/reports-index --corpus ~/reports --open\n  hrsearch serve --host 0.0.0.0 --port 8080   # reachable from other machines\n\nAPI (the parameters and JSON of the commands' --json):\n  /api/search?q=&country=&year=&section=&limit=&offset=&sort=&facets=&fold=\n  /api/report?country=&year=&section=\n  /api/trend?q=&country=&year=&section=&by=\n  /api/compare?country=&year=&year=&section=\n  /api/sections"
)]
pub struct ServeArgs {
    #[command(flatten)]
    pub locations: Locations,
    /// Address to listen on: 127.0.0.1 serves this machine only; 0.0.0.0 serves the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Port to listen on (0: any free port; the URL is printed).
    #[arg(long, default_value_t = 8471)]
    pub port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
}

/// `hrsearch search`'s arguments.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query, e.g. "pretrial detention", detain*, or 'torture AND (prison OR detention)'.
    // A query may start with "-" ("-COVID torture"): it is still the query.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub locations: Locations,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Hits per page (at most 10000); 0 prints only the total (and facets).
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for the next page); offset + limit at most 100000.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Count matching passages by section, year and country.
    #[arg(long)]
    pub facets: bool,
    /// List every hit: do not fold near-copies of a hit from other years under it.
    #[arg(long)]
    pub no_fold: bool,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `hrsearch trend`'s arguments.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  hrsearch trend '\"pretrial detention\"' --section arrest\n  hrsearch trend torture --by country --year 2020..2024\n  hrsearch trend torture --svg torture.svg"
)]
pub struct TrendArgs {
    /// The query, as for `search`.
    pub query: String,
    #[command(flatten)]
    pub locations: Locations,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// What to count by.
    #[arg(long, value_enum, default_value_t = ByArg::Year)]
    pub by: ByArg,
    /// Print one JSON object.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV, one row per year (country, section).
    #[arg(long)]
    pub csv: bool,
    /// Also draw the chart as an SVG picture into FILE.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum ByArg {
    Year,
    Country,
    Section,
}

/// `hrsearch compare`'s arguments.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  hrsearch compare --country angola 2008 2009\n  hrsearch compare --country kazakhstan 2023 2024 --section arrest --json"
)]
pub struct CompareArgs {
    #[command(flatten)]
    pub locations: Locations,
    /// The country (name or key).
    #[arg(long, value_name = "C")]
    pub country: String,
    /// The two editions' years, e.g. 2008 2009.
    #[arg(num_args = 2, required = true, value_name = "YEAR")]
    pub years: Vec<u16>,
    /// Only these sections: a topic, a word of its title or a code either edition uses; repeatable.
    #[arg(long, value_name = "S")]
    pub section: Vec<String>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum SortArg {
    Relevance,
    Year,
}
