#!/usr/bin/env bash
# A bounded load test of `hrsearch serve` on the L generated corpus (5,000
# reports): 32 clients for 20 s with wrk, on 127.0.0.1 only, first the
# target query (phrase + section + facets), then a mix of searches, a
# report and a trend. Prints p50/p99 latency as the clients see it and as
# the server spends it (its Server-Timing header), throughput, errors, and
# the server's memory (RSS) before and after. Stops by itself.
#
# wrk keeps all 32 requests in flight, so the clients' latency is mostly
# queueing: about 32 / throughput (Little's law). The in-server search time
# is what one search costs while the server is that busy.
#
#   bash benches/load.sh                 # L at /tmp/L, its index copied from /tmp/Lidx if there
#   L=/path/to/L LIDX=/path/to/index CLIENTS=32 SECONDS_EACH=20 bash benches/load.sh
#
# Needs wrk (apt-get install wrk). The index used is a copy in a temporary
# folder: the folders given are never written.
set -euo pipefail
cd "$(dirname "$0")/.."

L=${L:-/tmp/L}
LIDX=${LIDX:-/tmp/Lidx}
CLIENTS=${CLIENTS:-32}
# wrk shares the 2 cores with the server: one thread is enough to keep 32
# connections busy and leaves the server more of the machine.
WRK_THREADS=${WRK_THREADS:-1}
SECONDS_EACH=${SECONDS_EACH:-20}
GEN=../shared/tools/gen-scale-corpus

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
cargo build --release --quiet
BIN=target/release/hrsearch
WORK=$(mktemp -d)
SERVER=
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -d "$L" ]; then
    [ -x "$GEN" ] || { echo "no corpus at $L and no $GEN to make one" >&2; exit 1; }
    echo "making the L corpus in $L"
    "$GEN" "$L" --countries 200 --years 25 >/dev/null
fi
if [ -f "$LIDX/meta.json" ]; then
    cp -a "$LIDX" "$WORK/index"
else
    echo "building the L index (about 20 s)"
fi

"$BIN" serve --index "$WORK/index" --corpus "$L" --port 0 >"$WORK/url" 2>"$WORK/log" &
SERVER=$!
for _ in $(seq 1 600); do
    [ -s "$WORK/url" ] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/log" >&2; exit 1; }
    sleep 0.2
done
URL=$(head -1 "$WORK/url")
case "$URL" in http://127.0.0.1:*) ;; *) echo "unexpected URL '$URL'" >&2; exit 1 ;; esac
# Resident memory: the heap and stacks (anonymous), and the index files
# mapped and touched so far (file-backed, the page cache's, grows as
# queries reach more of the index; not the server's to leak).
rss() { awk '/RssAnon/ {a = $2} /RssFile/ {f = $2} END {printf "%.1f (anon %.1f + index files %.1f)", (a + f) / 1024, a / 1024, f / 1024}' "/proc/$SERVER/status"; }

# Every path of the mix must answer 200 (a 4xx would be measured as fast).
for path in $(grep -o '"/api/[^"]*"' benches/load.lua | tr -d '"' | sort -u); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "${URL%/}$path")
    [ "$code" = 200 ] || { echo "$path answers $code" >&2; exit 1; }
done
echo "server: $URL ($(grep -o '([0-9]* passages)' "$WORK/log" | head -1)), RSS at start $(rss) MB"
# Warm up: the first requests map the index files into memory.
wrk -t2 -c"$CLIENTS" -d3s -s benches/load.lua "$URL" -- mixed >/dev/null
echo "RSS after a 3 s warm-up: $(rss) MB"

run() {
    local mode=$1 before after out
    before=$(rss)
    out=$(wrk -t"$WRK_THREADS" -c"$CLIENTS" -d"${SECONDS_EACH}s" --latency -s benches/load.lua "$URL" -- "$mode")
    after=$(rss)
    local p50 p99 rps total non2xx socket
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    total=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    socket=$(awk '/Socket errors/ {print $0}' <<<"$out")
    printf '%-8s clients=%s %ss: client-side p50 %s, p99 %s; %s req/s (%s requests), non-2xx %s, socket errors: %s; RSS %s -> %s MB\n' \
        "$mode" "$CLIENTS" "$SECONDS_EACH" "$p50" "$p99" "$rps" "$total" "${non2xx:-0}" "${socket:-none}" "$before" "$after"
    echo "         $(grep 'in-server' <<<"$out")"
}
run phrase
run mixed
kill -0 "$SERVER" || { echo "the server died" >&2; exit 1; }
echo "the server is still serving: $(curl -s -o /dev/null -w '%{http_code}' "${URL}api/search?q=torture&limit=1")"
