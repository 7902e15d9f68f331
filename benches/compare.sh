#!/usr/bin/env bash
# Compare hrsearch with its peers (ripgrep over the files, SQLite FTS5 loaded
# from `hrsearch export`, and stock tantivy loading the same export, which
# is the floor under hrsearch's build) on generated scale corpora, in one
# run on one machine, and print a Markdown table. Figures move from run to run on shared
# machines: read the ratios.
#
# usage: benches/compare.sh [WORKDIR]      (default /tmp/hrsearch-bench)
#   QUICK=1 uses 40 countries instead of 200 (a smoke run).
#   PDF_ONLY=1 runs only the PDF part (reading against pdftotext, indexing
#   PDFs against the same reports as Markdown); PDF=0 leaves it out.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/hrsearch-bench}
gen="$here/../shared/tools/gen-scale-corpus"
countries=${QUICK:+40}
countries=${countries:-200}
runs=${RUNS:-15}

if [ ! -x "$gen" ] && [ ! -f "$gen" ]; then
    echo "skipping: $gen is absent (needs ../shared)" >&2
    exit 0
fi
for tool in rg sqlite3 hyperfine /usr/bin/time pdftotext; do
    if ! command -v "$tool" >/dev/null; then
        apt-get update -qq && apt-get install -y -qq ripgrep sqlite3 hyperfine time poppler-utils >/dev/null
        break
    fi
done

cargo build --release --manifest-path "$here/Cargo.toml" >&2
hr="$here/target/release/hrsearch"
# Stock tantivy loading the same passages: the floor under hrsearch's build.
[ -n "${PDF_ONLY:-}" ] || cargo bench --manifest-path "$here/Cargo.toml" --bench tantivy_load --no-run >&2
tantivy_load() { # passages.jsonl dir -> "secs peak_mb"
    rm -rf "$2"
    TANTIVY_LOAD_INPUT="$1" TANTIVY_LOAD_INDEX="$2" \
        cargo bench --manifest-path "$here/Cargo.toml" --bench tantivy_load 2>/dev/null | tail -1
}
mkdir -p "$work"

# --- corpora: L is the first 25 years of a 26-year corpus, so that adding
# --- the 26th year is "next year's reports" (same generator, same seed).
gen_corpus() { # name years
    [ -d "$work/$1" ] || python3 "$gen" "$work/$1" --countries "$countries" --years "$2" >&2
}

# seconds and peak MB of one command: "secs peak_mb"
measure() {
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
        cat "$work/stderr.txt" >&2
        return 1
    }
    awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$work/time.txt"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'; }

# --- PDFs: reading each file against pdftotext (one process a file for
# --- both), and indexing PDFs against the same reports as Markdown: the
# --- shared PDFs with their Markdown twins, and 24 generated reports laid
# --- out by ../shared/tools/make-report-pdf (about 3 s a report, made once).
# --- hrsearch and its peer run in turn, PDF_RUNS times (9 by default).
pdf_part() {
    local shared="$here/../shared/corpus" make_pdf="$here/../shared/tools/make-report-pdf"
    rm -rf "$work/pdf-twins" "$work/md-twins"
    for pdf in "$shared"/state-dept-pdf/*/*.pdf; do
        local year country
        year=$(basename "$(dirname "$pdf")") country=$(basename "$pdf" .pdf)
        mkdir -p "$work/pdf-twins/$year" "$work/md-twins/$year"
        cp "$pdf" "$work/pdf-twins/$year/"
        cp "$shared/state-dept/$year/$country.md" "$work/md-twins/$year/"
    done
    local sets="twins"
    if python3 -c 'import docx' 2>/dev/null && command -v soffice >/dev/null; then
        [ -d "$work/md-gen" ] || python3 "$gen" "$work/md-gen" --countries 12 --years 2 >&2
        while IFS= read -r src; do
            local out="$work/pdf-gen/${src#"$work/md-gen/"}"
            out="${out%.*}.pdf"
            mkdir -p "$(dirname "$out")"
            [ -f "$out" ] || "$make_pdf" "$src" "$out" >&2
        done < <(find "$work/md-gen" -type f | sort)
        sets="twins gen"
    else
        echo "skipping generated PDFs: make-report-pdf needs python-docx and LibreOffice writer" >&2
    fi
    echo
    echo "| PDFs | step | hrsearch | peer | peer figure | ratio hrsearch/peer |"
    echo "|---|---|---|---|---|---|"
    for set in $sets; do
        local files n label
        files=$(find "$work/pdf-$set" -name '*.pdf' | sort | tr '\n' ' ')
        n=$(echo "$files" | wc -w)
        label="$set ($n PDFs)"
        read -r hr_s poppler_s r < <(paired "${PDF_RUNS:-9}" \
            "for f in $files; do $hr inspect --json \$f >/dev/null; done" \
            "for f in $files; do pdftotext -q \$f /dev/null; done")
        echo "| $label | read every file (s) | $hr_s | pdftotext | $poppler_s | $r |"
        read -r pdf_s md_s r < <(paired "${PDF_RUNS:-9}" \
            "rm -rf $work/index-pdf; $hr index --corpus $work/pdf-$set --index $work/index-pdf" \
            "rm -rf $work/index-pdf; $hr index --corpus $work/md-$set --index $work/index-pdf")
        echo "| $label | index (s) | $pdf_s | same reports as Markdown | $md_s | $r |"
    done
}
# Runs two shell commands in turn, n times each, and prints the median
# seconds of each and the median of the per-pair ratios: pairs taken
# together cancel most of what other work on a shared machine adds.
paired() { # n command-a command-b -> "secs_a secs_b ratio"
    local n=$1 a=$2 b=$3
    for _ in $(seq "$n"); do
        local t0 t1 t2
        t0=$(date +%s%N)
        bash -c "$a" >/dev/null 2>&1
        t1=$(date +%s%N)
        bash -c "$b" >/dev/null 2>&1
        t2=$(date +%s%N)
        echo "$((t1 - t0)) $((t2 - t1))"
    done | python3 -c '
import sys, statistics
pairs = [tuple(map(int, l.split())) for l in sys.stdin]
a = statistics.median(p[0] for p in pairs) / 1e9
b = statistics.median(p[1] for p in pairs) / 1e9
print("%.3f %.3f %.2f" % (a, b, statistics.median(p[0] / p[1] for p in pairs)))'
}
if [ -n "${PDF_ONLY:-}" ]; then
    echo "## hrsearch on PDFs ($(nproc) cores, $(date -u +%Y-%m-%d))"
    pdf_part
    exit 0
fi
gen_corpus M 5
gen_corpus L26 26
last_year=$(ls "$work/L26" | sort -n | tail -1)
rm -rf "$work/L" && mkdir -p "$work/L"
for year in $(ls "$work/L26" | sort -n | head -25); do cp -r "$work/L26/$year" "$work/L/"; done

# FTS5 table from the same passages hrsearch indexed. The passages are
# split into fields first (not timed); the timed step is FTS5's own build.
fts_load() { # passages.jsonl db
    rm -f "$2"
    python3 -c '
import json, sys
out = sys.stdout
for line in sys.stdin:
    p = json.loads(line)
    out.write("\x1f".join(str(p[k]).replace("\x1f", " ").replace("\x1e", " ")
              for k in ("text", "country", "year", "section_topic")) + "\x1e")
' <"$1" >"$work/passages.ascii"
    cat >"$work/load.sql" <<SQL
CREATE VIRTUAL TABLE fts USING fts5(text, country UNINDEXED, year UNINDEXED, section UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2');
.mode ascii
.import $work/passages.ascii fts
SQL
    measure sqlite3 "$2" ".read $work/load.sql"
}

echo "## hrsearch vs peers ($(nproc) cores, $(date -u +%Y-%m-%d), ${countries} countries)"
echo
echo "| corpus | step | hrsearch | peer | peer figure | ratio hrsearch/peer |"
echo "|---|---|---|---|---|---|"
for size in M L; do
    corpus="$work/$size"
    index="$work/index-$size"
    db="$work/fts-$size.db"
    rm -rf "$index"
    read -r hr_secs hr_mb < <(measure "$hr" index --corpus "$corpus" --index "$index")
    "$hr" export --index "$index" >"$work/passages.jsonl"
    read -r fts_secs fts_mb < <(fts_load "$work/passages.jsonl" "$db")
    read -r floor_secs _ < <(tantivy_load "$work/passages.jsonl" "$work/tantivy-$size")
    mb=$(du -sm "$corpus" | cut -f1)
    echo "| $size ($mb MB) | full build (s) | $hr_secs | FTS5 load | $fts_secs | $(ratio "$hr_secs" "$fts_secs") |"
    echo "| $size | full build (s) | $hr_secs | stock tantivy load | $floor_secs | $(ratio "$hr_secs" "$floor_secs") |"
    echo "| $size | stock tantivy load (s) | $floor_secs | FTS5 load | $fts_secs | $(ratio "$floor_secs" "$fts_secs") |"
    echo "| $size | peak memory building (MB) | $hr_mb | FTS5 load | $fts_mb | $(ratio "$hr_mb" "$fts_mb") |"
    echo "| $size | size on disk (MB) | $(du -sm "$index" | cut -f1) | FTS5 db | $(du -sm "$db" | cut -f1) | $(ratio "$(du -sk "$index" | cut -f1)" "$(du -sk "$db" | cut -f1)") |"
done

# --- incremental steps on L
index="$work/index-L"
read -r full_secs _ < <(measure "$hr" index --corpus "$work/L" --index "$index" --rebuild)
cp -r "$work/L26/$last_year" "$work/L/"
read -r add_secs _ < <(measure "$hr" index --corpus "$work/L" --index "$index")
read -r same_secs _ < <(measure "$hr" index --corpus "$work/L" --index "$index")
rm -rf "${work:?}/L/$last_year"
"$hr" index --corpus "$work/L" --index "$index" >/dev/null
echo "| L | add one year (s) | $add_secs | hrsearch full rebuild | $full_secs | $(ratio "$add_secs" "$full_secs") |"
echo "| L | re-run, no change (s) | $same_secs | | | |"

# --- queries as fresh processes (warm cache), medians over $runs runs
corpus="$work/L"
db="$work/fts-L.db"
snip="snippet(fts, 0, '[', ']', '…', 12)"
declare -a names hr_cmds rg_cmds fts_cmds
add() { names+=("$1"); hr_cmds+=("$2"); rg_cmds+=("$3"); fts_cmds+=("$4"); }
add "common word" "government" "rg -i -c government $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'government' ORDER BY bm25(fts) LIMIT 10"
add "two words" "'torture prison'" "rg -i -c -e 'torture.*prison|prison.*torture' $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'torture prison' ORDER BY bm25(fts) LIMIT 10"
add "rare word" "sterilization" "rg -i -c sterilization $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'sterilization' ORDER BY bm25(fts) LIMIT 10"
add "phrase" "'\"pretrial detention\"'" "rg -i -c -F 'pretrial detention' $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH '\"pretrial detention\"' ORDER BY bm25(fts) LIMIT 10"
add "phrase + section" "'\"pretrial detention\"' --section arrest" "rg -i -c -F 'pretrial detention' $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH '\"pretrial detention\"' AND section LIKE 'integrity/arbitrary-arrest%' ORDER BY bm25(fts) LIMIT 10"
add "year range" "torture --year 2005..2010" "rg -i -c torture $(for y in $(seq 2005 2010); do [ -d "$corpus/$y" ] && printf '%s ' "$corpus/$y"; done)" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'torture' AND year BETWEEN 2005 AND 2010 ORDER BY bm25(fts) LIMIT 10"
add "broad + facets" "government --facets" "rg -i -c government $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'government' ORDER BY bm25(fts) LIMIT 10; SELECT section, count(*) FROM fts WHERE fts MATCH 'government' GROUP BY section; SELECT year, count(*) FROM fts WHERE fts MATCH 'government' GROUP BY year; SELECT country, count(*) FROM fts WHERE fts MATCH 'government' GROUP BY country"
add "sort by year" "torture --sort year" "rg -i -c torture $corpus" \
    "SELECT country, year, $snip FROM fts WHERE fts MATCH 'torture' ORDER BY year DESC, bm25(fts) LIMIT 10"

median_ms() { # command line, run without a shell (hyperfine -N)
    hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1 \
        || { echo "failed: $1" >&2; echo "-"; return; }
    python3 -c "import json; print('%.1f' % (json.load(open('$work/h.json'))['results'][0]['median'] * 1000))"
}

echo
echo "| query (L, fresh process, median ms) | hrsearch | ripgrep | SQLite FTS5 | hrsearch/rg | hrsearch/FTS5 |"
echo "|---|---|---|---|---|---|"
hr_all=(); rg_all=(); fts_all=()
for i in "${!names[@]}"; do
    printf '%s\n' "${fts_cmds[$i]}" >"$work/q$i.sql"
    h=$(median_ms "$hr search ${hr_cmds[$i]} --index $index")
    r=$(median_ms "${rg_cmds[$i]}")
    f=$(median_ms "sqlite3 $db '.read $work/q$i.sql'")
    hr_all+=("$h"); rg_all+=("$r"); fts_all+=("$f")
    echo "| ${names[$i]} | $h | $r | $f | $(ratio "$h" "$r") | $(ratio "$h" "$f") |"
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mh=$(med "${hr_all[@]}"); mr=$(med "${rg_all[@]}"); mf=$(med "${fts_all[@]}")
echo "| **median of the set** | $mh | $mr | $mf | $(ratio "$mh" "$mr") | $(ratio "$mh" "$mf") |"

[ "${PDF:-1}" = 0 ] || pdf_part
