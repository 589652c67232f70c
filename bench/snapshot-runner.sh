#!/usr/bin/env bash
# The runner itself with --snapshots, end to end: `loadleak run --snapshots` attached to a LeakyApp
# (static-cache) whose heap grows by ~MB megabytes between the baseline and the peak snapshot, while a
# light HTTP load runs against the bundled target (the load only paces the phases). Records the runner's
# peak RSS (VmHWM, polled from /proc while it runs), its peak up to the end of the baseline snapshot, and per snapshot
# the heap, the target's measured pause beside its budget, the WriteDump call and the analysis time
# (from run.json). One 1 GB run at a time: the target holds ~1.3 GB, its dump another 1.4 GB of tmpfs.
# Usage: bench/snapshot-runner.sh [MB="200 1000"] [HOLD=45]
#   HOLD  seconds of load between the baseline and the peak snapshot: the grow must finish inside it
#   ENTRY=1024  bytes per cached entry; 64 makes it many small objects (the walk's worst case: use HOLD=90 at 1 GB)
#   RUNNER_DLL=path   measure another build of the runner (e.g. an older commit's) with the same fixture
# Run it under the bench lock: flock /tmp/loadleak-bench.lock bench/snapshot-runner.sh "200 1000"
source "$(dirname "$0")/common.sh"
need curl python3
SIZES=${1:-"200 1000"}; HOLD=${2:-45}; ENTRY=${ENTRY:-1024}
build
RUNNER_DLL=${RUNNER_DLL:-$LOADLEAK_DLL}
APP="$ROOT/tests/Fixtures/LeakyApp/bin/Release/net10.0/LeakyApp.dll"
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
header "runner with --snapshots, LeakyApp heap grown by ${SIZES} MB (${ENTRY} B entries), runner $RUNNER_DLL"

cat >"$OUT/loadleak.json" <<JSON
{ "TestName": "bench-snapshot-runner", "TargetScenarios": ["http"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "http", "WarmUpDuration": "00:00:02",
    "LoadSimulationsSettings": [ { "Inject": [200, "00:00:01", "$(hms "$HOLD")"] }, { "Inject": [20, "00:00:01", "00:00:10"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "http://127.0.0.1:$HTTP/api/query", "MaxConnections": 8 } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON

# kb FIELD PID — a VmXXX line of /proc/PID/status in kB (0 once the process is gone)
kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$2/status" 2>/dev/null || echo 0; }

printf 'grownMB\tlabel\theapMB\tobjects\tpauseMs\tbudgetMs\twriteDumpMs\tanalysisMs\trunnerAfterBaselineMB\trunnerPeakMB\tloadavg\n' \
  | tee "$OUT/snapshot-runner.tsv"
for mb in $SIZES; do
  fifo="$OUT/leaky-$mb.in"; mkfifo "$fifo"
  dotnet "$APP" static-cache <"$fifo" >"$OUT/leaky-$mb.out" 2>&1 &
  leaky=$!; CHILDREN+=("$leaky")
  exec 3>"$fifo"
  for _ in $(seq 1 100); do grep -q '^ready' "$OUT/leaky-$mb.out" && break; sleep 0.1; done
  dotnet "$RUNNER_DLL" run --config "$OUT/loadleak.json" --target-pid "$leaky" --snapshots --out "$OUT/run-$mb" \
    >"$OUT/run-$mb.txt" 2>&1 &
  runner=$!; CHILDREN+=("$runner")
  start_kb=0; grown=0; hwm=0
  while kill -0 "$runner" 2>/dev/null; do
    h=$(kb VmHWM "$runner"); [[ -n "$h" ]] && (( h > hwm )) && hwm=$h
    if (( grown == 0 )) && grep -q "heap snapshot 'baseline':" "$OUT/run-$mb.txt"; then
      start_kb=$hwm; grown=1
      echo "grow $(( mb * 1048576 / (ENTRY + 120) )) $ENTRY" >&3
      echo drop >&3
    fi
    sleep 0.1
  done
  wait "$runner" || true
  echo exit >&3; exec 3>&-
  wait "$leaky" 2>/dev/null || true
  rm -f "$fifo"
  (( grown )) || echo "no baseline snapshot seen; see $OUT/run-$mb.txt" >&2
  grep -c '^ok grow' "$OUT/leaky-$mb.out" >/dev/null || echo "LeakyApp did not finish growing; see $OUT/leaky-$mb.out" >&2
  python3 - "$OUT/run-$mb/run.json" "$mb" "$start_kb" "$hwm" "$(loadavg | cut -d' ' -f1)" <<'PY' | tee -a "$OUT/snapshot-runner.tsv"
import json, sys
path, mb, start_kb, hwm_kb, load = sys.argv[1:]
try:
    heap = json.load(open(path)).get("heap") or {}
except FileNotFoundError:
    sys.exit(f"no run.json at {path}")
for s in heap.get("snapshots", []):
    budget = s.get("pauseBudgetMs")
    print("\t".join(str(v) for v in (mb, s["label"], f"{s['heapBytes'] / 2**20:.1f}", s["objects"], f"{s['pauseMs']:.0f}",
        f"{budget:.0f}" if budget is not None else "n/a", f"{(s.get('writeDumpMs') or 0):.0f}", f"{s['analysisMs']:.0f}",
        f"{int(start_kb) / 1024:.0f}", f"{int(hwm_kb) / 1024:.0f}", load)))
PY
done
echo "load average after: $(loadavg)"
echo "outputs in $OUT (run-MB.txt: the runner's console, run-MB/: run.json and report)"
