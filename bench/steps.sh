#!/usr/bin/env bash
# Per-step accounting cost (Step.Run): CPU time per iteration of a scenario that runs STEPS steps vs a step-less
# scenario doing the same work, in the same engine run (scenarios one after another, PAIRS times alternating), in
# process, no target. Prints the ratio and the cost per step (goal: at most 100 ns, issue 19.2).
# Usage: bench/steps.sh [COPIES=64] [SECONDS=8] [STEPS=10] [ROUNDS=3]; SKIP_BUILD=1 reuses the binaries.
source "$(dirname "$0")/common.sh"
C=${1:-64}; D=${2:-8}; STEPS=${3:-10}; ROUNDS=${4:-3}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build "$ROOT/bench/cpu" -c Release -m:1 -v q -nologo >"$OUT/build-cpu.log" 2>&1 \
    || { echo "bench/cpu build failed; see $OUT/build-cpu.log" >&2; exit 4; }
fi
CPU_DLL="$ROOT/bench/cpu/bin/Release/net10.0/LoadLeak.Bench.Cpu.dll"
header "Step.Run accounting, $C copies, ${D}s per scenario, $STEPS steps per iteration, $ROUNDS round(s)"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load $(loadavg))"
  dotnet "$CPU_DLL" steps "$C" "$D" "$STEPS" 2 >"$OUT/steps-$round.txt"
  sed 's/^/  /' "$OUT/steps-$round.txt"
done
echo "per step (ns), by round: $(grep -ho '[0-9.]* ns per step' "$OUT"/steps-*.txt | awk '{print $1}' | tr '\n' ' ')"
echo "outputs in $OUT"
