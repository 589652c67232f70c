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
    "CustomSettings": { "Protocol": "http", "Url": "http://127.0.0.1:$HTTP/api/query", "MaxConnections": 64 } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON

loadleak_run "$OUT/loadleak.json" loadleak
python3 - "$OUT/loadleak/run.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["scenarios"][0]
points = d["runnerMemory"]
print(f"requests: ok={s['ok']} fail={s['fail']} rps={s['rps']:.0f} p99={s['latencyMs']['p99']} ms; memory points: {len(points)}")
if len(points) < 3:
    sys.exit("too few runnerMemory points")
# GC.GetTotalMemory is read at a random point of the gen0 sawtooth, so compare window means and window
# floors (the lowest reading: closest to what survives), and fit a slope over everything after minute 1.
# postGcHeapBytes (the heap right after the runner's latest GC) is the steadiest reading of the heap.
def mean(ps, key): return sum(p[key] for p in ps) / len(ps)
def floor(ps, key): return min(p[key] for p in ps)
def slope_mb_per_hour(ps, key):
    n = len(ps); mt = sum(p["t"] for p in ps) / n; mv = mean(ps, key)
    var = sum((p["t"] - mt) ** 2 for p in ps)
    return sum((p["t"] - mt) * (p[key] - mv) for p in ps) / var * 3600 / 2**20 if var else 0.0
print(f"{'':14}{'minute 1 (30-60 s)':>20}{'last 30 s':>12}{'growth':>9}{'floor growth':>14}{'trend after 1 min':>20}")
for key, label in (("workingSetBytes", "working set"), ("gcHeapBytes", "GC heap"), ("postGcHeapBytes", "heap after GC")):
    have = [p for p in points if p.get(key) is not None]
    base_window = [p for p in have if 30 <= p["t"] <= 60]
    end_window = [p for p in have if p["t"] >= points[-1]["t"] - 30]
    after = [p for p in have if p["t"] >= 60]
    if not base_window or not end_window or len(after) < 2:
        print(f"{label:14}  (not recorded)"); continue
    a, b = mean(base_window, key), mean(end_window, key)
    fa, fb = floor(base_window, key), floor(end_window, key)
    print(f"{label:14}{a / 2**20:>17.1f} MB{b / 2**20:>9.1f} MB{(b / a - 1) * 100:>+8.1f}%"
          f"{(fb / fa - 1) * 100:>+13.1f}%{slope_mb_per_hour(after, key):>+13.1f} MB/h")
print("series (t s, WS MB, heap MB, after-GC MB): " + " ".join(
    f"{p['t']:.0f}:{p['workingSetBytes']/2**20:.0f}/{p['gcHeapBytes']/2**20:.0f}/{(p.get('postGcHeapBytes') or 0)/2**20:.1f}"
    for p in d["runnerMemory"][::6]))
PY
echo "goal: growth < 10 %"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
