#!/usr/bin/env bash
# What sampling a Go target costs it: the GoLeaky fixture (clean mode, /metrics on) measured three ways.
#  1. Idle: the target's CPU time (/proc) over IDLE seconds with no scraper, with the pprof source (index page +
#     /debug/vars per poll) and with the Prometheus source (/metrics per poll), polling every 50 ms so that the
#     cost rises above /proc's 10 ms resolution: the difference per scrape is the target CPU a 1 s poll costs it.
#  2. Saturated: wrk alone (A) vs wrk while a source scrapes (B), rotating A, pprof, metrics ROUNDS times:
#     the throughput share is 1 - median(B/A); the target's CPU per request is reported too (less noisy). On a
#     shared machine both drown in noise far above the cost, so the script also derives the share from (1): one
#     scrape's CPU per second against the CPU the saturated target spends per second (rps × CPU per request).
# The sources are LoadLeak's own (bench/GoSamplingBench runs them as a run would).
# Usage: bench/go-sampling.sh [CONNECTIONS=64] [SECONDS=10] [ROUNDS=3] [IDLE_SECONDS=30]
source "$(dirname "$0")/common.sh"
need wrk curl python3 go
C=${1:-64}; D=${2:-10}; ROUNDS=${3:-3}; IDLE=${4:-30}
LEAD=3   # seconds the scraper gets to start before wrk does

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT/tests/Fixtures/GoLeaky" && CGO_ENABLED=0 GOPROXY=off go build -o "$OUT/goleaky" .) || { echo "go build failed" >&2; exit 4; }
  (cd "$ROOT" && dotnet build bench/GoSamplingBench -c Release -m:1 -v q -nologo >"$OUT/build.log" 2>&1) \
    || { echo "build failed; see $OUT/build.log" >&2; exit 4; }
else
  (cd "$ROOT/tests/Fixtures/GoLeaky" && CGO_ENABLED=0 GOPROXY=off go build -o "$OUT/goleaky" .)
fi
BENCH_DLL="$ROOT/bench/GoSamplingBench/bin/Release/net10.0/GoSamplingBench.dll"

PORT=$(free_port)
"$OUT/goleaky" -port "$PORT" -mode clean -metrics >"$OUT/target.log" 2>&1 &
TARGET_PID=$!; CHILDREN+=("$TARGET_PID")
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
header "Go target sampling cost: GoLeaky (clean, Go $(go env GOVERSION)), idle ${IDLE}s each; wrk $C connections, ${D}s, $ROUNDS rounds"

# scrape KIND SECONDS [INTERVAL_MS] — runs a source in the background; sets SCRAPER and SCRAPER_LOG
scrape() {
  local url; [[ $1 == pprof ]] && url="$BASE/debug/pprof" || url="$BASE/metrics"
  SCRAPER_LOG="$OUT/scraper-$1-$RANDOM.txt"
  dotnet "$BENCH_DLL" "$1" "$url" "$2" "${3:-1000}" >"$SCRAPER_LOG" 2>&1 &
  SCRAPER=$!; CHILDREN+=("$SCRAPER")
}

# 1. Idle: the target's CPU ms over IDLE seconds without a scraper, then µs per scrape with each (polling every 50 ms):
#    the CPU window spans the scraper's whole life, so every scrape it counts falls inside it.
idle_cpu_ms() { # idle_cpu_ms SECONDS → the target's CPU ms over the next SECONDS
  local before; before=$(proc_cpu "$TARGET_PID"); sleep "$1"; local after; after=$(proc_cpu "$TARGET_PID")
  python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1000:.0f}')" "$before" "$after"
}
idle_per_scrape() { # idle_per_scrape KIND → target CPU µs per scrape, net of the idle baseline
  local before; before=$(proc_cpu "$TARGET_PID"); local t0; t0=$(date +%s.%N)
  scrape "$1" "$IDLE" 50; wait "$SCRAPER" || true
  local after; after=$(proc_cpu "$TARGET_PID"); local t1; t1=$(date +%s.%N)
  local n; n=$(sed -n 's/.*scrapes \([0-9]*\) in.*/\1/p' "$SCRAPER_LOG")
  python3 -c "import sys; b, a, idle, secs, t0, t1, n = map(float, sys.argv[1:]); print(
    f'{((a - b) * 1000 - idle * (t1 - t0) / secs) * 1000 / n:.0f}')" \
    "$before" "$after" "$IDLE_none" "$IDLE" "$t0" "$t1" "$n"
}
echo "idle: measuring (load $(loadavg))"
IDLE_none=$(idle_cpu_ms "$IDLE"); IDLE_pprof=$(idle_per_scrape pprof); IDLE_metrics=$(idle_per_scrape metrics)

# 2. Saturated.
write_post_lua
URL="$BASE/api/query"
wrk_rps() { wrk_cpu_rps "$1" "$URL" "$TARGET_PID"; }
run_alone() { RPS_alone+=("$(wrk_rps "alone-$1")"); CPU_alone+=("$(cat "$OUT/alone-$1.cpu")"); }
run_scraped() { # run_scraped KIND ROUND
  scrape "$1" $((D + LEAD + 2)); sleep "$LEAD"
  local rps; rps=$(wrk_rps "$1-$2"); wait "$SCRAPER" || true
  local -n r=RPS_$1 c=CPU_$1; r+=("$rps"); c+=("$(cat "$OUT/$1-$2.cpu")")
}
run_pprof() { run_scraped pprof "$1"; }
run_metrics() { run_scraped metrics "$1"; }

wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null   # warm up
RPS_alone=(); RPS_pprof=(); RPS_metrics=(); CPU_alone=(); CPU_pprof=(); CPU_metrics=()
ORDER=(alone pprof metrics)
for round in $(seq 1 "$ROUNDS"); do
  for run in "${ORDER[@]}"; do echo "round $round: $run … (load $(loadavg))"; "run_$run" "$round"; done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

ratios() { local -n b=$1; for i in "${!b[@]}"; do ratio "${b[$i]}" "${RPS_alone[$i]}"; done; }
R_pprof=($(ratios RPS_pprof)); R_metrics=($(ratios RPS_metrics))
cost() { python3 -c "import sys; print(f'{(1 - float(sys.argv[1])) * 100:+.1f}%')" "$1"; }
echo
echo "idle target: ${IDLE_none} ms CPU in ${IDLE}s unscraped; per scrape: pprof ${IDLE_pprof} µs, metrics ${IDLE_metrics} µs of target CPU"
echo "  → at one scrape per second: pprof $(python3 -c "print(f'{$IDLE_pprof / 1000:.2f}')") ms," \
  "metrics $(python3 -c "print(f'{$IDLE_metrics / 1000:.2f}')") ms of target CPU per second" \
  "($(python3 -c "print(f'{$IDLE_pprof / 1e4:.3f}')") % / $(python3 -c "print(f'{$IDLE_metrics / 1e4:.3f}')") % of one core)"
printf '%-16s %s\n' "wrk alone rps" "${RPS_alone[*]}"
printf '%-16s %s   ratios %s\n' "pprof scraping" "${RPS_pprof[*]}" "${R_pprof[*]}"
printf '%-16s %s   ratios %s\n' "metrics scraping" "${RPS_metrics[*]}" "${R_metrics[*]}"
echo "median ratio (scraped/alone): pprof $(median "${R_pprof[@]}") → cost $(cost "$(median "${R_pprof[@]}")");" \
  "metrics $(median "${R_metrics[@]}") → cost $(cost "$(median "${R_metrics[@]}")")   (goal ≤ 2%)"
echo "target CPU µs per request: alone ${CPU_alone[*]}; pprof ${CPU_pprof[*]}; metrics ${CPU_metrics[*]}"
echo "median target CPU per request, scraped/alone: pprof $(ratio "$(median "${CPU_pprof[@]}")" "$(median "${CPU_alone[@]}")")," \
  "metrics $(ratio "$(median "${CPU_metrics[@]}")" "$(median "${CPU_alone[@]}")")   (1.02 = 2 % cost)"
# The share that stays readable on a noisy machine: one scrape's CPU against the CPU the saturated target spends per second.
share() { python3 -c "import sys; print(f'{float(sys.argv[1]) / (float(sys.argv[2]) * float(sys.argv[3])) * 100:.3f}%')" "$1" "$2" "$3"; }
echo "scraping's share of the saturated target's CPU (one scrape/s ÷ median rps × CPU per request):" \
  "pprof $(share "$IDLE_pprof" "$(median "${RPS_alone[@]}")" "$(median "${CPU_alone[@]}")")," \
  "metrics $(share "$IDLE_metrics" "$(median "${RPS_alone[@]}")" "$(median "${CPU_alone[@]}")")"
grep -h "^note:" "$OUT"/scraper-*.txt | sort | uniq -c || true
echo "load average after: $(loadavg)"
