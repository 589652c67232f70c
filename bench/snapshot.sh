#!/usr/bin/env bash
# What a heap snapshot costs: the target's measured stop (threads in ptrace tracing stop while
# createdump writes), the WriteDump call, the fixture's own view of its longest freeze, the ClrMD
# analysis time, the analysing process's peak RSS from /proc (the runner's cost: SnapshotBench
# analyses in-process as the runner does), and the runtime-counter gaps the snapshot causes, for a
# LeakyApp heap of ~MB megabytes. One line per run, size and lever; the levers run one after another
# in the same session so their ratios compare under the same load.
# Usage: bench/snapshot.sh [MB="200 1000"] [RUNS=3] [LEVERS="tmpfs"]
#   ENTRY=1024   bytes per cached entry: 1024 gives few large objects, 64 many small ones (the walk's worst case)
#   COUNTERS=on  watch the correlator's counter session across each snapshot (adds 8 s per run); off to skip
#   levers: tmpfs | disk | normal (DumpType.Normal) | full (DumpType.Full) | target GC settings: servergc |
#           noconcurrent | gen0-64m | conserve (DOTNET_GCConserveMemory=9)
# Run it under the bench lock: flock /tmp/loadleak-bench.lock bench/snapshot.sh "200 1000" 3
source "$(dirname "$0")/common.sh"
SIZES=${1:-"200 1000"}; RUNS=${2:-3}; LEVERS=${3:-"tmpfs"}; ENTRY=${ENTRY:-1024}; COUNTERS=${COUNTERS:-on}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && dotnet build tests/Fixtures/LeakyApp -c Release -m:1 -v q -nologo >"$OUT/build.log" 2>&1 \
    && dotnet build bench/SnapshotBench -c Release -m:1 -v q -nologo >>"$OUT/build.log" 2>&1) \
    || { echo "build failed; see $OUT/build.log" >&2; exit 4; }
fi
BENCH="$ROOT/bench/SnapshotBench/bin/Release/net10.0/SnapshotBench.dll"
APP="$ROOT/tests/Fixtures/LeakyApp/bin/Release/net10.0/LeakyApp.dll"
header "heap snapshot cost, LeakyApp heaps of ${SIZES} MB (${ENTRY} B entries), $RUNS run(s) per size and lever"
first=1
for mb in $SIZES; do
  for lever in $LEVERS; do
    case "$lever" in
      tmpfs)    extra=(--dump-root tmpfs) ;;
      disk)     extra=(--dump-root disk) ;;
      normal)   extra=(--dump-type Normal) ;;
      full)     extra=(--dump-type Full) ;;
      servergc) extra=(--env DOTNET_gcServer=1) ;;
      noconcurrent) extra=(--env DOTNET_gcConcurrent=0) ;;
      gen0-64m) extra=(--env DOTNET_GCgen0size=0x4000000) ;;
      conserve) extra=(--env DOTNET_GCConserveMemory=9) ;;
      *) echo "unknown lever $lever" >&2; exit 2 ;;
    esac
    dotnet "$BENCH" --leaky-app "$APP" --mb "$mb" --entry-bytes "$ENTRY" --runs "$RUNS" --counters "$COUNTERS" \
        --label "$lever/${mb}MB" "${extra[@]}" 2>"$OUT/$lever-$mb.notes" \
      | if (( first )); then cat; else tail -n +2; fi
    first=0
  done
done | tee "$OUT/snapshot.tsv"
echo "load average after: $(loadavg)"
echo "notes (analysis phases, dump sizes, counter events): $OUT/*.notes"
