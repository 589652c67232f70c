#!/usr/bin/env bash
# The correlator's cost to the target measured as CPU time, which a noisy shared machine barely moves
# (throughput, in overhead.sh, swings 2x between identical runs here). The correlator asks the target
# for counters only (the System.Runtime meter and EventCounters, once per interval; no per-request
# events), so its cost in the target is a fixed amount of CPU per second, paid whatever the load.
# This script measures that amount directly: the target's CPU seconds over S idle seconds alone (A) and
# while LoadLeak is attached and sampling it (B), ROUNDS times, alternating. The cost, in the target's
# CPU, is (B - A) / S; as a share of the target's CPU at saturation it is that over the CPU the target
# burns while wrk saturates it (measured in the same run).
# Usage: bench/overhead-idle.sh [SECONDS=60] [ROUNDS=3] [GC=none|boundaries]
source "$(dirname "$0")/common.sh"
need wrk curl python3
D=${1:-60}; ROUNDS=${2:-3}; GC=${3:-none}
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
header "correlator cost on an idle target: CPU over ${D}s alone vs attached (RetainedGc $GC), $ROUNDS rounds"

cat >"$OUT/pause.json" <<JSON
{ "TestName": "bench-overhead-idle", "TargetScenarios": ["idle"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "idle", "WarmUpDuration": "00:00:00",
    "LoadSimulationsSettings": [ { "Pause": ["$(hms $((D + 8)))"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL" } } ] },
  "LoadLeak": { "RetainedGc": "$GC" } }
JSON
write_post_lua

target_cpu() { proc_cpu "$TARGET_PID"; }
cpu_over() {
  local a b; a=$(target_cpu); sleep "$D"; b=$(target_cpu)
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$a" "$b"
}

# The target's CPU rate at saturation (cores), for the share: 10 s of wrk after a 3 s warm-up.
wrk -t2 -c64 -d3s -s "$OUT/post.lua" "$URL" >/dev/null
a=$(target_cpu); wrk -t2 -c64 -d10s -s "$OUT/post.lua" "$URL" >"$OUT/wrk.txt"; b=$(target_cpu)
SAT=$(python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) / 10:.3f}')" "$a" "$b")
sleep 5   # let the target's background work after the burst (tiering, GC) settle

ALONE=(); ATTACHED=(); SAMPLES=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round: alone … (load $(loadavg))"
  ALONE+=("$(cpu_over)")
  echo "round $round: attached … (load $(loadavg))"
  name="attached-$round"
  dotnet "$LOADLEAK_DLL" run --config "$OUT/pause.json" --target-pid "$TARGET_PID" --out "$OUT/$name" >"$OUT/$name.txt" 2>&1 &
  ll=$!; CHILDREN+=("$ll")
  sleep 4   # LoadLeak starts and opens its EventPipe session
  ATTACHED+=("$(cpu_over)")
  wait "$ll" || true
  [[ -f "$OUT/$name/run.json" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; exit 5; }
  SAMPLES+=("$(json_get "$OUT/$name/run.json" "len(d['samples'])")")
done

python3 - "$D" "$SAT" "${ALONE[*]}" "${ATTACHED[*]}" <<'PY'
import statistics, sys
d, sat = float(sys.argv[1]), float(sys.argv[2])
alone = [float(x) for x in sys.argv[3].split()]; attached = [float(x) for x in sys.argv[4].split()]
print(f"\ntarget CPU at saturation (wrk, 64 connections): {sat:.2f} cores")
print(f"{'round':>5} {'alone CPU s':>12} {'attached CPU s':>15} {'extra ms/s':>11}")
for i, (a, b) in enumerate(zip(alone, attached), 1):
    print(f"{i:>5} {a:>12.3f} {b:>15.3f} {(b - a) / d * 1000:>11.2f}")
extra = statistics.median((b - a) / d for a, b in zip(alone, attached))
print(f"median extra CPU in the target while attached: {extra * 1000:.2f} ms per second "
      f"= {extra * 100:.2f} % of one core = {extra / sat * 100:.2f} % of the target's CPU at saturation")
PY
echo "samples per attached run: ${SAMPLES[*]}"
echo "goal: ≤ 2 %"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
