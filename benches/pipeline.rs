//! Criterion benches: chunking throughput, index build, and in-process query
//! latency for the query set of `benches/compare.sh`.
//!
//! Queries run against `HRSEARCH_BENCH_INDEX` if set (e.g. the L index that
//! compare.sh builds), else against an index of a generated M-sized corpus
//! (200 countries x 5 years) cached under `target/bench-data`. Benches that
//! need `../shared` skip with a message when it is absent.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hrsearch::index::{self, Progress, UpdateOptions};
use hrsearch::search::filters::{Filters, SectionFilter, YearRange};
use hrsearch::search::{self, Request, Sort};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Silent;
impl Progress for Silent {
    fn begin(&self, _: u64, _: u64) {}
    fn advance(&self, _: u64, _: u64) {}
    fn finish(&self) {}
}

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus/state-dept").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

fn report_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x != "md" || e.file_name() != "README.md")
        })
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn chunking(c: &mut Criterion) {
    let Some(shared) = shared() else { return };
    let files = report_files(&shared.join("corpus/state-dept"));
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut group = c.benchmark_group("chunking");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("shared corpus", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(path, bytes)| {
                    hrsearch::read_reports(path, bytes)
                        .map_or(0, |r| r.iter().map(|r| r.passages.len()).sum())
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

/// The index-side analyzer over every passage of the shared corpus: the
/// share of indexing time spent in our tokenizer and its term cache.
fn analysis(c: &mut Criterion) {
    let Some(shared) = shared() else { return };
    let passages: Vec<String> = report_files(&shared.join("corpus/state-dept"))
        .iter()
        .filter_map(|(path, bytes)| hrsearch::read_reports(path, bytes).ok())
        .flatten()
        .flat_map(|r| r.passages.into_iter().map(|p| p.text))
        .collect();
    let bytes: usize = passages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("index side, shared corpus", |b| {
        let mut analyzer = hrsearch::analysis::analyzer(hrsearch::analysis::Side::Index);
        b.iter(|| {
            let mut tokens = 0usize;
            for text in &passages {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    tokens += stream.token().position;
                }
            }
            tokens
        })
    });
    group.finish();
}

fn index_build(c: &mut Criterion) {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus");
    let bytes: u64 = report_files(&corpus)
        .iter()
        .map(|(_, b)| b.len() as u64)
        .sum();
    let mut group = c.benchmark_group("index build");
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    group.bench_function("shared corpus", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().unwrap();
            let options = UpdateOptions {
                index_dir: dir.path().to_path_buf(),
                corpus: vec![corpus.clone()],
                rebuild: false,
                phrase_pairs: None,
            };
            index::update(&options, &Silent).unwrap().passages
        })
    });
    group.finish();
}

/// The index queries run against: given, or built once from a generated corpus.
fn bench_index() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("HRSEARCH_BENCH_INDEX") {
        return Some(PathBuf::from(dir));
    }
    let shared = shared()?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let corpus = data.join("corpus-M");
    let index_dir = data.join("index-M");
    if !corpus.is_dir() {
        let status = Command::new("python3")
            .arg(shared.join("tools/gen-scale-corpus"))
            .args([
                corpus.to_str().unwrap(),
                "--countries",
                "200",
                "--years",
                "5",
            ])
            .status()
            .expect("python3 runs");
        assert!(status.success(), "gen-scale-corpus failed");
    }
    let options = UpdateOptions {
        index_dir: index_dir.clone(),
        corpus: vec![corpus],
        rebuild: false,
        phrase_pairs: None,
    };
    index::update(&options, &Silent).unwrap();
    Some(index_dir)
}

fn request(query: &str, configure: impl FnOnce(&mut Request)) -> Request {
    let mut request = Request {
        query: query.into(),
        limit: 10,
        ..Request::default()
    };
    configure(&mut request);
    request
}

fn queries(c: &mut Criterion) {
    let Some(dir) = bench_index() else { return };
    let index = index::open(&dir).expect("bench index opens");
    let arrest = Filters {
        sections: vec![SectionFilter::Topic("integrity/arbitrary-arrest")],
        ..Filters::default()
    };
    let set = [
        ("common word", request("government", |_| {})),
        ("two words", request("torture prison", |_| {})),
        ("rare word", request("sterilization", |_| {})),
        ("phrase", request("\"pretrial detention\"", |_| {})),
        (
            "phrase + section + facets",
            request("\"pretrial detention\"", |r| {
                r.filters = arrest.clone();
                r.facets = true;
            }),
        ),
        (
            "year range",
            request("torture", |r| {
                r.filters.years = vec![YearRange(2005..=2010)]
            }),
        ),
        ("broad + facets", request("government", |r| r.facets = true)),
        ("sort by year", request("torture", |r| r.sort = Sort::Year)),
    ];
    let mut group = c.benchmark_group("query");
    for (name, request) in &set {
        group.bench_with_input(BenchmarkId::from_parameter(name), request, |b, request| {
            b.iter(|| search::run(&index, request).unwrap().total)
        });
    }
    group.finish();
}

/// `trend` on the query index, and `compare` of real consecutive editions
/// of ../shared/corpus.
fn across_years(c: &mut Criterion) {
    let mut group = c.benchmark_group("across years");
    if let Some(dir) = bench_index() {
        let index = index::open(&dir).expect("bench index opens");
        let request = hrsearch::trend::Request {
            query: "\"pretrial detention\"".into(),
            filters: Filters {
                sections: vec![SectionFilter::Topic("integrity/arbitrary-arrest")],
                ..Filters::default()
            },
            by: hrsearch::trend::By::Year,
        };
        group.bench_function("trend: phrase by year, section filter", |b| {
            b.iter(|| {
                hrsearch::trend::run(&index, &request)
                    .unwrap()
                    .matching_passages
            })
        });
    }
    if let Some(shared) = shared() {
        let dir = tempfile::tempdir().unwrap();
        let options = UpdateOptions {
            index_dir: dir.path().join("index"),
            corpus: vec![shared.join("corpus/state-dept")],
            rebuild: false,
            phrase_pairs: None,
        };
        index::update(&options, &Silent).unwrap();
        let index = index::open(&options.index_dir).expect("shared index opens");
        for (country, earlier, later) in [("angola", 2008, 2009), ("kazakhstan", 2023, 2024)] {
            let request = hrsearch::compare::Request {
                country: country.into(),
                earlier,
                later,
                sections: Vec::new(),
            };
            group.bench_function(format!("compare: {country} {earlier}-{later}"), |b| {
                b.iter(|| {
                    hrsearch::compare::run(&index, &request)
                        .unwrap()
                        .sections
                        .len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    chunking,
    analysis,
    index_build,
    queries,
    across_years
);
criterion_main!(benches);
