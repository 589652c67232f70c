#!/usr/bin/env bash
# What the correlator costs the target: the target's max throughput measured by wrk alone (A) vs by
# wrk while LoadLeak is attached and sampling it (B). LoadLeak's config holds only a Pause, so it
# sends no load; it samples the target over EventPipe + /proc for the whole wrk window. B runs with
# "RetainedGc": "none" and with "boundaries" (forced full GCs at the phase boundaries). The runs
# alternate A, B-none, B-boundaries (rotating) ROUNDS times; the cost is 1 - median(B/A of each round).
# It also reports the target's CPU time per request (/proc), which a noisy machine disturbs far less.
# Usage: bench/overhead.sh [CONNECTIONS=64] [SECONDS=10] [ROUNDS=3]
source "$(dirname "$0")/common.sh"
need wrk curl python3
C=${1:-64}; D=${2:-10}; ROUNDS=${3:-3}
LEAD=${LEAD:-6}   # seconds LoadLeak gets to start and open its EventPipe session before wrk starts (env LEAD: 60 lets its own JIT settle)
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
header "correlator overhead: wrk alone vs wrk with LoadLeak attached (Pause only), $C connections, ${D}s, $ROUNDS rounds"

write_post_lua
for gc in none boundaries; do
  cat >"$OUT/pause-$gc.json" <<JSON
{ "TestName": "bench-overhead-$gc", "TargetScenarios": ["idle"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "idle", "WarmUpDuration": "00:00:00",
    "LoadSimulationsSettings": [ { "Pause": ["$(hms $((D + LEAD + 4)))"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL" } } ] },
  "LoadLeak": { "RetainedGc": "$gc" } }
JSON
done

# The target's CPU time (user+sys, seconds) from /proc: CPU per request is far less sensitive to a
# noisy shared machine than throughput is, so the script reports both.
# wrk_rps NAME — prints the rps; appends the target's CPU µs per request to the file NAME.cpu
wrk_rps() { wrk_cpu_rps "$1" "$URL" "$TARGET_PID"; }

run_alone() { RPS_alone+=("$(wrk_rps "alone-$1")"); CPU_alone+=("$(cat "$OUT/alone-$1.cpu")"); }
run_attached() { # run_attached GC ROUND
  local name="attached-$1-$2"
  dotnet "$LOADLEAK_DLL" run --config "$OUT/pause-$1.json" --target-pid "$TARGET_PID" --out "$OUT/$name" >"$OUT/$name.txt" 2>&1 &
  local ll=$!; CHILDREN+=("$ll")
  sleep "$LEAD"
  local rps; rps=$(wrk_rps "wrk-$name")
  wait "$ll" || true
  [[ -f "$OUT/$name/run.json" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; exit 5; }
  SAMPLES+=("$1:$(json_get "$OUT/$name/run.json" "len(d['samples'])")")
  local cpu; cpu=$(cat "$OUT/wrk-$name.cpu")
  if [[ $1 == none ]]; then RPS_none+=("$rps"); CPU_none+=("$cpu"); else RPS_boundaries+=("$rps"); CPU_boundaries+=("$cpu"); fi
}
run_none() { run_attached none "$1"; }
run_boundaries() { run_attached boundaries "$1"; }

wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null   # warm the target up
RPS_alone=(); RPS_none=(); RPS_boundaries=(); SAMPLES=(); CPU_alone=(); CPU_none=(); CPU_boundaries=()
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
echo "median ratio (attached/alone), RetainedGc boundaries: $(median "${R_boundaries[@]}")  → cost" \
  "$(cost "$(median "${R_boundaries[@]}")")   (goal ≤ 2%)"
echo "target CPU µs per request: alone ${CPU_alone[*]}; attached none ${CPU_none[*]}; attached boundaries ${CPU_boundaries[*]}"
echo "median target CPU per request, attached/alone: none $(ratio "$(median "${CPU_none[@]}")" "$(median "${CPU_alone[@]}")")," \
  "boundaries $(ratio "$(median "${CPU_boundaries[@]}")" "$(median "${CPU_alone[@]}")")   (1.02 = 2 % cost)"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
