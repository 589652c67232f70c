#!/usr/bin/env bash
# What the correlator costs the target: the target's max throughput measured by wrk alone (A) vs by
# wrk while LoadLeak is attached and sampling it (B). LoadLeak's config holds only a Pause, so it
# sends no load; it samples the target over EventPipe + /proc for the whole wrk window. B runs with
# "RetainedGc": "none" and with "boundaries" (forced full GCs at the phase boundaries). The runs
# alternate A, B-none, B-boundaries (rotating) ROUNDS times; the cost is 1 - median(B/A of each round).
# Usage: bench/overhead.sh [CONNECTIONS=64] [SECONDS=10] [ROUNDS=3]
source "$(dirname "$0")/common.sh"
need wrk curl python3
C=${1:-64}; D=${2:-10}; ROUNDS=${3:-3}
LEAD=6   # seconds LoadLeak gets to start and open its EventPipe session before wrk starts
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
header "correlator overhead: wrk alone vs wrk with LoadLeak attached (Pause only), $C connections, ${D}s, $ROUNDS rounds"

cat >"$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"op":"query","payload":"a1b2c3"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Benchmark-ID"] = "bench"
LUA
for gc in none boundaries; do
  cat >"$OUT/pause-$gc.json" <<JSON
{ "TestName": "bench-overhead-$gc", "TargetScenarios": ["idle"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "idle", "WarmUpDuration": "00:00:00",
    "LoadSimulationsSettings": [ { "Pause": "$(hms $((D + LEAD + 4)))" } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL" } } ] },
  "LoadLeak": { "RetainedGc": "$gc" } }
JSON
done

wrk_rps() { wrk -t2 -c"$C" -d"${D}s" -s "$OUT/post.lua" "$URL" >"$OUT/$1.txt"; awk '/Requests\/sec/ {print $2}' "$OUT/$1.txt"; }

run_alone() { RPS_alone+=("$(wrk_rps "alone-$1")"); }
run_attached() { # run_attached GC ROUND
  local name="attached-$1-$2"
  dotnet "$LOADLEAK_DLL" run --config "$OUT/pause-$1.json" --target-pid "$TARGET_PID" --out "$OUT/$name" >"$OUT/$name.txt" 2>&1 &
  local ll=$!; CHILDREN+=("$ll")
  sleep "$LEAD"
  local rps; rps=$(wrk_rps "wrk-$name")
  wait "$ll" || true
  [[ -f "$OUT/$name/run.json" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; exit 5; }
  SAMPLES+=("$1:$(json_get "$OUT/$name/run.json" "len(d['samples'])")")
  if [[ $1 == none ]]; then RPS_none+=("$rps"); else RPS_boundaries+=("$rps"); fi
}
run_none() { run_attached none "$1"; }
run_boundaries() { run_attached boundaries "$1"; }

wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null   # warm the target up
RPS_alone=(); RPS_none=(); RPS_boundaries=(); SAMPLES=()
ORDER=(alone none boundaries)
for round in $(seq 1 "$ROUNDS"); do
  for run in "${ORDER[@]}"; do echo "round $round: $run … (load $(loadavg))"; "run_$run" "$round"; done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

ratios() { local -n b=$1; for i in "${!b[@]}"; do ratio "${b[$i]}" "${RPS_alone[$i]}"; done; }
R_none=($(ratios RPS_none)); R_boundaries=($(ratios RPS_boundaries))
cost() { python3 -c "import sys; print(f'{(1 - float(sys.argv[1])) * 100:+.1f}%')" "$1"; }
echo
printf '%-22s %s\n' "wrk alone rps" "${RPS_alone[*]}"
printf '%-22s %s   ratios %s\n' "attached, GC none" "${RPS_none[*]}" "${R_none[*]}"
printf '%-22s %s   ratios %s\n' "attached, boundaries" "${RPS_boundaries[*]}" "${R_boundaries[*]}"
echo "samples taken per attached run: ${SAMPLES[*]}"
echo "median ratio (attached/alone), RetainedGc none:       $(median "${R_none[@]}")  → cost $(cost "$(median "${R_none[@]}")")   (goal ≤ 2%)"
echo "median ratio (attached/alone), RetainedGc boundaries: $(median "${R_boundaries[@]}")  → cost $(cost "$(median "${R_boundaries[@]}")")   (goal ≤ 2%)"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
