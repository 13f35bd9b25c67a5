#!/usr/bin/env bash
# Side by side with the peers (issue 15): `recruitsearch bench` and the peers'
# harnesses (../shared/peers: SQLite FTS5, PostgreSQL FTS, plain Bleve 2.6.3)
# on the same passages and the same queries, each engine pinned to one core,
# R rounds; prints one table of medians and a PASS/FAIL line per condition of
# the issue: our p50 and p99 at or below the best peer's, our ingest at least
# plain Bleve's. Exit status 0 when all pass, 1 when one fails, 2 when the
# check could not run. Not part of CI: 10k passages take minutes, 1M an hour.
#
#   corpus/bench/peers.sh [-b BINARY] [-r ROUNDS] ARTICLES
#   WORK=DIR corpus/bench/peers.sh -s
#
#   ARTICLES   synthetic articles for `bench --articles` (800 ≈ 10k passages,
#              8000 ≈ 100k, 80000 ≈ 1M)
#   -b BINARY  a prebuilt recruitsearch binary (e.g. another branch's);
#              default: build ./cmd/recruitsearch of the checkout this script is in
#   -r ROUNDS  rounds of everything (default 3); figures are medians of rounds
#   -s         run nothing: print the table and verdicts of the run kept in WORK
#
# Env: PEERS (the harness folder; default ../shared/peers beside the checkout,
#      else /work/shared/peers), WORK (where files go; default a new temp dir,
#      kept), DURATION (each of our query phases, default 10s), PEER_R (timed
#      rounds of the FTS5 and PostgreSQL harnesses, default 5; the plain Bleve
#      harness always runs one warm-up and three), ENGINES (default "fts5 pg bleve"),
#      QUERIES (a file of queries, one per line, that every engine runs instead of
#      the plain mix our bench draws; e.g. the peers' own `gen -queries`).
#
# One core each, as the harness does it: run.sh with PIN=1 runs every client
# under `taskset -c 0` (the postgres server on CPU 1), and a Go program pinned
# so starts with GOMAXPROCS=1, so the plain Bleve harness builds and searches
# on one thread. Our bench runs under `taskset -c 0` with GOMAXPROCS=1 set too:
# one parser, one indexing goroutine, the in-process phase on one goroutine,
# as the peers time their single queries. Its p50/p95/p99/qps are the
# in-process ones (index.Search: top 10, four facets, highlights, suggestions);
# its ingest is parse + index + compact + close, the peers' is their build
# (rows already parsed). "× raw text" divides every engine's index bytes by the
# bytes of the exported passages' text, the one corpus all of them index.
set -euo pipefail

usage() { sed -n '10,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BIN="" ROUNDS=3 SUMMARY_ONLY=""
while getopts "b:r:sh" o; do
  case $o in
  b) BIN=$OPTARG ;;
  r) ROUNDS=$OPTARG ;;
  s) SUMMARY_ONLY=1 ;;
  *) usage ;;
  esac
done
shift $((OPTIND - 1))
if [ -n "$SUMMARY_ONLY" ]; then
  [ $# -eq 0 ] && [ -n "${WORK:-}" ] && [ -s "$WORK/rows.jsonl" ] || usage
else
  [ $# -eq 1 ] || usage
  ARTICLES=$1
  [[ $ARTICLES =~ ^[1-9][0-9]*$ && $ROUNDS =~ ^[1-9][0-9]*$ ]] || usage
fi

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -z "${PEERS:-}" ]; then
  PEERS=$REPO/../shared/peers
  [ -x "$PEERS/run.sh" ] || PEERS=/work/shared/peers
fi
DURATION=${DURATION:-10s} PEER_R=${PEER_R:-5} ENGINES=${ENGINES:-"fts5 pg bleve"} QUERIES=${QUERIES:-}
WORK=${WORK:-$(mktemp -d -t peers-check-XXXXXX)}
log() { echo "[peers.sh $(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 2; }

rows=$WORK/rows.jsonl loads=$WORK/loads.txt about=$WORK/about.txt
P=$WORK/passages.jsonl Q=$WORK/queries.txt

# run runs the rounds into $rows and $loads.
run() {
for tool in jq taskset go; do command -v $tool >/dev/null || die "needs $tool"; done
[ -x "$PEERS/run.sh" ] || die "no peers' harness at $PEERS (set PEERS)"
[ "$(nproc)" -ge 2 ] || die "needs two cores: run.sh pins the clients to CPU 0 and the postgres server to CPU 1"
mkdir -p "$WORK"

if [ -z "$BIN" ]; then
  BIN=$WORK/recruitsearch
  log "building $REPO ($(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')) into $BIN"
  (cd "$REPO" && go build -o "$BIN" ./cmd/recruitsearch)
fi
[ -x "$BIN" ] || die "$BIN is not an executable"

: >"$rows"
: >"$loads"
ours_queries=()
[ -z "$QUERIES" ] || ours_queries=(--queries "$QUERIES")
echo "ours: $BIN bench --articles $ARTICLES ${ours_queries[*]}, in-process phase $DURATION on one goroutine, GOMAXPROCS=1, taskset -c 0; peers: $PEERS/run.sh, R=$PEER_R; queries: ${QUERIES:-the plain mix}" >"$about"

for round in $(seq 1 "$ROUNDS"); do
  # ours: one core, one goroutine per stage
  load1 >>"$loads"
  log "round $round/$ROUNDS: recruitsearch bench --articles $ARTICLES (load $(cut -d' ' -f1-3 /proc/loadavg))"
  rss=$WORK/ours-$round.maxrss
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$rss")
  "${timer[@]}" taskset -c 0 env GOMAXPROCS=1 "$BIN" bench --articles "$ARTICLES" --duration "$DURATION" \
    "${ours_queries[@]}" --export-passages "$P" --export-queries "$Q" --json >"$WORK/ours-$round.json" 2>"$WORK/ours-$round.log" ||
    die "our bench failed: see $WORK/ours-$round.log"
  load1 >>"$loads"
  if grep -q refused "$WORK/ours-$round.log"; then log "warning: $(grep refused "$WORK/ours-$round.log")"; fi
  if [ "$round" = 1 ]; then
    jq -j .text "$P" | wc -c >"$WORK/raw_text_bytes"
    SUM=$(sha256sum <"$P" | cut -c1-16)
  elif [ "$(sha256sum <"$P" | cut -c1-16)" != "$SUM" ]; then
    die "round $round exported other passages than round 1"
  fi
  jq -c --argjson round "$round" --arg rss "$(cat "$rss" 2>/dev/null || echo)" \
    '{engine: "recruitsearch", round: $round, passages, pps: .passages_per_second, index_bytes,
      p50: .query.p50_ms, p95: .query.p95_ms, p99: .query.p99_ms, qps: .query.qps,
      peak_rss_mb: (if $rss == "" then null else ($rss | tonumber / 1024) end)}' "$WORK/ours-$round.json" >>"$rows"
  N=$(jq -r .passages "$WORK/ours-$round.json")

  # the peers: run.sh pins each client to CPU 0 (PIN=1)
  PW=$WORK/peers-$round
  mkdir -p "$PW"
  load1 >>"$loads"
  log "round $round/$ROUNDS: peers ($ENGINES) on the same $N passages and $(wc -l <"$Q") queries"
  PASSAGES=$P QUERIES=$Q WORK=$PW R=$PEER_R PIN=1 PG_INSTALL=1 ENGINES=$ENGINES \
    "$PEERS/run.sh" "$N" >"$PW/summary.jsonl" 2>"$PW/run.log" || die "the peers' harness failed: see $PW/run.log"
  load1 >>"$loads"
  # plain Bleve's harness does not report its index size: measure the folder it leaves
  bleve_bytes=$(du -sb "$PW/n$N/bleve.idx" 2>/dev/null | cut -f1 || true)
  jq -c --argjson round "$round" --arg bb "${bleve_bytes:-}" \
    'if .skipped then {engine, round: $round, skipped} else
     {engine, round: $round, passages, pps: (.passages / .build_s),
      index_bytes: (.index_bytes // (if $bb == "" then null else ($bb | tonumber) end)),
      p50: .p50_ms, p95: .p95_ms, p99: .p99_ms, qps} end' "$PW/summary.jsonl" >>"$rows"
  # keep the logs and reports, drop the indexes and the copied corpus
  rm -rf "$PW/n$N/bin" "$PW/n$N/bleve.idx" "$PW/n$N"/fts5.db* "$PW/n$N/passages.jsonl" "$PW/n$N/pgcluster"
done
}

load1() { cut -d' ' -f1 /proc/loadavg; }
[ -n "$SUMMARY_ONLY" ] || run
[ -f "$WORK/raw_text_bytes" ] || jq -j .text "$P" | wc -c >"$WORK/raw_text_bytes"
RAW=$(cat "$WORK/raw_text_bytes")
ROUNDS=$(jq -s 'map(.round) | max' "$rows")

# medians of the rounds, the table, the verdicts
jq -s -r --argjson raw "$RAW" --arg loads "$(sort -g "$loads" | sed -n '1p;$p' | paste -sd' ')" \
  --arg rounds "$ROUNDS" --arg about "$(cat "$about" 2>/dev/null)" '
  def median: sort | if length == 0 then null elif length % 2 == 1 then .[length / 2 | floor]
    else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def f(d): if . == null then "–" else (. * pow(10; d) | round / pow(10; d) | tostring) end;
  def thousands: tostring | until(test("^[0-9]{4}") | not; sub("(?<a>[0-9])(?<b>[0-9]{3})(?<c>[,.]|$)"; "\(.a),\(.b)\(.c)"));
  def med(k): map(.[k]) | map(select(. != null)) | median;
  def spread(k; d): map(.[k]) | map(select(. != null)) | if length == 0 then "–" else "\(min | f(d) | thousands)–\(max | f(d) | thousands)" end;
  (map(select(.skipped == null)) | group_by(.engine) | map({engine: .[0].engine, rounds: length, passages: med("passages"),
    pps: med("pps"), index_bytes: med("index_bytes"), p50: med("p50"), p95: med("p95"), p99: med("p99"), qps: med("qps"),
    rss: med("peak_rss_mb"), pps_spread: spread("pps"; 0), p50_spread: spread("p50"; 2), p99_spread: spread("p99"; 2)})) as $m
  | ($m | map(select(.engine == "recruitsearch"))[0]) as $us
  | ($m | map(select(.engine == "plain-bleve"))[0]) as $bleve
  | ($m | map(select(.engine != "recruitsearch"))) as $peers
  | (["recruitsearch", "plain-bleve", "sqlite-fts5", "postgres-fts"]) as $order
  | "Side by side: medians of \($rounds) rounds, each engine on one core (load average, 1 min, \($loads | split(" ") | join("–")) around the steps)",
    $about,
    "",
    "| engine | passages | ingest passages/s | index MB | × raw text | p50 ms | p95 ms | p99 ms | qps |",
    "|---|---|---|---|---|---|---|---|---|",
    ($m | sort_by(.engine as $e | $order | index($e) // 9)[]
      | "| \(.engine) | \(.passages | thousands) | \(.pps | f(0) | thousands) | \(if .index_bytes then .index_bytes / 1e6 | f(1) else "–" end) | \(if .index_bytes then .index_bytes / $raw | f(2) else "–" end) | \(.p50 | f(2)) | \(.p95 | f(2)) | \(.p99 | f(2)) | \(.qps | f(0) | thousands) |"),
    (.[] | select(.skipped) | "| \(.engine) | skipped in round \(.round): \(.skipped) |||||||"),
    "",
    "raw text: \($raw / 1e6 | f(1)) MB (the text fields of the exported passages)",
    (if $rounds != "1" then ("", "| spread over the rounds (min–max) | ingest passages/s | p50 ms | p99 ms |", "|---|---|---|---|",
      ($m | sort_by(.engine as $e | $order | index($e) // 9)[] | "| \(.engine) | \(.pps_spread) | \(.p50_spread) | \(.p99_spread) |"), "") else empty end),
    (if $us.rss then "recruitsearch peak RSS during bench (median of rounds): \($us.rss | f(0)) MB" else empty end),
    (if $us and $bleve then "recruitsearch ÷ plain Bleve: ingest \($us.pps / $bleve.pps | f(2))×, p50 \($us.p50 / $bleve.p50 | f(2))×, p95 \($us.p95 / $bleve.p95 | f(2))×, p99 \($us.p99 / $bleve.p99 | f(2))×, qps \($us.qps / $bleve.qps | f(2))×\(if $bleve.index_bytes then ", index \($us.index_bytes / $bleve.index_bytes | f(2))×" else "" end)" else empty end),
    "",
    if ($us == null or $bleve == null or ($peers | length) == 0) then "ERROR: missing figures (ours, plain Bleve or every peer); see the logs"
    else
      ($peers | min_by(.p50)) as $b50 | ($peers | min_by(.p99)) as $b99
      | "\(if $us.p50 <= $b50.p50 then "PASS" else "FAIL" end) p50: ours \($us.p50 | f(2)) ms, best peer \($b50.engine) \($b50.p50 | f(2)) ms",
        "\(if $us.p99 <= $b99.p99 then "PASS" else "FAIL" end) p99: ours \($us.p99 | f(2)) ms, best peer \($b99.engine) \($b99.p99 | f(2)) ms",
        "\(if $us.pps >= $bleve.pps then "PASS" else "FAIL" end) ingest: ours \($us.pps | f(0) | thousands) passages/s, plain Bleve \($bleve.pps | f(0) | thousands) passages/s"
    end
' "$rows" | tee "$WORK/report.md"
log "rows: $rows; logs and reports: $WORK"
if grep -q '^ERROR' "$WORK/report.md"; then exit 2; fi
if grep -q '^FAIL' "$WORK/report.md"; then exit 1; fi
