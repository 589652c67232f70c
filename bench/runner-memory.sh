#!/usr/bin/env bash
# LoadLeak's own memory on a long run: HTTP at a steady injected rate (open model) against the bundled
# target, then the growth of the runner's working set and GC heap (run.json `runnerMemory`, every 5 s)
# from the end of the first minute to the end of the run. Goal: < 10 % growth.
# Usage: bench/runner-memory.sh [SECONDS=600] [RATE=3000]
source "$(dirname "$0")/common.sh"
need curl python3
D=${1:-600}; RATE=${2:-3000}
(( D >= 120 )) || { echo "SECONDS must be ≥ 120 (the baseline is the first minute)" >&2; exit 2; }
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
header "LoadLeak runner memory: HTTP Inject $RATE/s for ${D}s"

cat >"$OUT/loadleak.json" <<JSON
{ "TestName": "bench-runner-memory", "TargetScenarios": ["http"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "http", "WarmUpDuration": "00:00:00",
    "LoadSimulationsSettings": [ { "Inject": [$RATE, "00:00:01", "$(hms "$D")"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL_PLACEHOLDER", "MaxConnections": 64 } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON
sed -i "s|\$URL_PLACEHOLDER|http://127.0.0.1:$HTTP/api/query|" "$OUT/loadleak.json"

loadleak_run "$OUT/loadleak.json" loadleak
python3 - "$OUT/loadleak/run.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["scenarios"][0]
points = d["runnerMemory"]
print(f"requests: ok={s['ok']} fail={s['fail']} rps={s['rps']:.0f} p99={s['latencyMs']['p99']} ms; memory points: {len(points)}")
if len(points) < 3:
    sys.exit("too few runnerMemory points")
base_window = [p for p in points if 50 <= p["t"] <= 70] or points[:1]
end_window = points[-3:]
def mean(ps, key): return sum(p[key] for p in ps) / len(ps)
print(f"{'':24}{'first minute (t≈60s)':>24}{'end (last 15 s)':>20}{'growth':>10}")
for key, label in (("workingSetBytes", "working set"), ("gcHeapBytes", "GC heap")):
    a, b = mean(base_window, key), mean(end_window, key)
    print(f"{label:24}{a / 2**20:>21.1f} MB{b / 2**20:>17.1f} MB{(b / a - 1) * 100:>+9.1f}%")
print("series (t s, WS MB, heap MB): " + " ".join(f"{p['t']:.0f}:{p['workingSetBytes']/2**20:.0f}/{p['gcHeapBytes']/2**20:.0f}" for p in points[::6]))
PY
echo "goal: growth < 10 %"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
