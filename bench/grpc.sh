#!/usr/bin/env bash
# LoadLeak's gRPC unary scenario vs h2load posting the same prepared gRPC frame to Benchmark/Query:
# same target, same HTTP/2 connections, same streams in flight, same duration, one run.
# h2load prints no percentiles, so its p99 comes from its per-request --log-file.
# Usage: bench/grpc.sh [STREAMS=64] [SECONDS=10] [ROUNDS=2] [CONNECTIONS=4]
source "$(dirname "$0")/common.sh"
need h2load curl python3
S=${1:-64}; D=${2:-10}; ROUNDS=${3:-2}; N=${4:-4}
(( S % N == 0 )) || { echo "STREAMS ($S) must be a multiple of CONNECTIONS ($N)" >&2; exit 2; }
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$GRPC/loadleak.benchmark.Benchmark/Query"
ID=bench
header "gRPC unary Benchmark/Query: LoadLeak vs h2load, $S streams over $N connections, ${D}s each, $ROUNDS round(s)"

# The length-prefixed frame: flag 0 (uncompressed), big-endian length, then
# QueryRequest{op="query", payload="a1b2c3"} (field 1 and field 2, length-delimited).
python3 - "$OUT/query.grpc" <<'PY'
import struct, sys
def field(number, text):
    data = text.encode()
    return bytes([number << 3 | 2, len(data)]) + data
message = field(1, "query") + field(2, "a1b2c3")
open(sys.argv[1], "wb").write(b"\x00" + struct.pack(">I", len(message)) + message)
PY

# LoadLeak's unary call sends exactly the message above.
cat >"$OUT/loadleak.json" <<JSON
{ "TestName": "bench-grpc", "TargetScenarios": ["grpc"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "grpc", "WarmUpDuration": "00:00:05",
    "LoadSimulationsSettings": [ { "KeepConstant": [$S, "$(hms "$D")"] } ],
    "CustomSettings": { "Protocol": "grpc", "Address": "http://127.0.0.1:$GRPC", "Call": "unary",
                        "BenchmarkId": "$ID", "MaxConnections": $N } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON

H2=(h2load -c "$N" -m $((S / N)) -t 1 -d "$OUT/query.grpc" -H 'content-type: application/grpc' -H 'te: trailers'
    -H "x-benchmark-id: $ID" "$URL")
# warm the target up once so no tool pays for the target's JIT
"${H2[@]}" -D 3 >/dev/null

# CPU time per call (utime+stime from /proc, µs): steadier than rps on a shared box. A sampler follows
# the tool and the target every 50 ms until the tool exits; each figure is the CPU spent inside the
# tool's measured window divided by the calls completed in it (h2load: its whole run; LoadLeak: its
# load phase, warm-up excluded, window taken from run.json).
cat >"$OUT/cpu_watch.py" <<'PY'
import os, sys, time
out, pids = sys.argv[1], sys.argv[2:]
hz = os.sysconf("SC_CLK_TCK")
def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / hz
with open(out, "w") as log:
    while True:
        try: row = [ticks(pid) for pid in pids]
        except (FileNotFoundError, ProcessLookupError): break
        if open(f"/proc/{pids[0]}/stat").read().rsplit(")", 1)[1].split()[0] == "Z": break
        log.write(f"{time.time():.4f}\t" + "\t".join(f"{t:.2f}" for t in row) + "\n"); log.flush()
        time.sleep(0.05)
PY
# cpu_per_call TSV CALLS [START END] — "tool_µs target_µs" per call between two epoch times (default: the whole trace)
cpu_per_call() {
  python3 - "$@" <<'PY'
import sys
rows = [tuple(map(float, line.split("\t"))) for line in open(sys.argv[1]) if line.strip()]
calls = int(sys.argv[2])
start, end = (float(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) > 4 else (rows[0][0], rows[-1][0])
def at(t, column):  # linear interpolation between samples
    for (t0, *a), (t1, *b) in zip(rows, rows[1:]):
        if t0 <= t <= t1:
            return a[column] + (b[column] - a[column]) * ((t - t0) / (t1 - t0) if t1 > t0 else 0)
    return rows[0][column + 1] if t < rows[0][0] else rows[-1][column + 1]
print(" ".join(f"{(at(end, c) - at(start, c)) * 1e6 / calls:.1f}" if calls else "nan" for c in (0, 1)))
PY
}

run_h2load() {
  "${H2[@]}" -D "$D" --log-file="$OUT/h2load-$1.log" >"$OUT/h2load-$1.txt" &
  local pid=$!
  python3 "$OUT/cpu_watch.py" "$OUT/cpu-h2load-$1.tsv" "$pid" "$TARGET_PID"
  wait "$pid"
  H2_RPS+=("$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$OUT/h2load-$1.txt")")
  H2_P99+=("$(python3 - "$OUT/h2load-$1.log" <<'PY'
import sys
micros = sorted(int(line.split("\t")[2]) for line in open(sys.argv[1]) if line.split("\t")[1] == "200")
print(f"{micros[min(len(micros) - 1, int(len(micros) * 0.99))] / 1000:.2f}" if micros else "nan")
PY
)")
  H2_FAIL+=("$(awk '/^requests:/ {print $(NF-1)}' "$OUT/h2load-$1.txt") errored")
  local cpu; cpu=($(cpu_per_call "$OUT/cpu-h2load-$1.tsv" "$(awk '/^requests:/ {print $8}' "$OUT/h2load-$1.txt")"))
  H2_CPU+=("${cpu[0]}"); H2_TCPU+=("${cpu[1]}")
}
run_loadleak() {
  # dotnet directly, in the background: the sampler needs LoadLeak's own pid
  dotnet "$LOADLEAK_DLL" run --config "$OUT/loadleak.json" --target-pid "$TARGET_PID" --out "$OUT/loadleak-$1" \
    >"$OUT/loadleak-$1.txt" 2>&1 &
  local pid=$!
  python3 "$OUT/cpu_watch.py" "$OUT/cpu-loadleak-$1.tsv" "$pid" "$TARGET_PID"
  wait "$pid" || true
  local doc="$OUT/loadleak-$1/run.json"
  [[ -f "$doc" ]] || { echo "loadleak wrote no run.json; see $OUT/loadleak-$1.txt" >&2; tail -20 "$OUT/loadleak-$1.txt" >&2; exit 5; }
  LL_RPS+=("$(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")")
  LL_P99+=("$(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")")
  LL_FAIL+=("$(json_get "$doc" "d['scenarios'][0].get('fail', 0)")")
  local window; window=$(json_get "$doc" "(lambda t0, load: f\"{d['scenarios'][0]['ok'] + d['scenarios'][0].get('fail', 0)} {t0 + load['start']:.4f} {t0 + load['end']:.4f}\")(__import__('datetime').datetime.fromisoformat(d['startedAt']).timestamp(), [p for p in d['phases'] if p['kind'] != 'warmup'][0])")
  local cpu; cpu=($(cpu_per_call "$OUT/cpu-loadleak-$1.tsv" $window))
  LL_CPU+=("${cpu[0]}"); LL_TCPU+=("${cpu[1]}")
}

H2_RPS=(); H2_P99=(); H2_FAIL=(); H2_CPU=(); H2_TCPU=(); LL_RPS=(); LL_P99=(); LL_FAIL=(); LL_CPU=(); LL_TCPU=()
ORDER=(h2load loadleak)
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do echo "round $round: $tool … (load $(loadavg))"; "run_$tool" "$round"; done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

printf '\n%-10s %12s %10s %14s %16s   per round rps | tool CPU µs/call\n' tool rps p99_ms cpu_us/call target_us/call
printf '%-10s %12s %10s %14s %16s   %s | %s\n' h2load "$(median "${H2_RPS[@]}")" "$(median "${H2_P99[@]}")" \
  "$(median "${H2_CPU[@]}")" "$(median "${H2_TCPU[@]}")" "${H2_RPS[*]}" "${H2_CPU[*]}"
printf '%-10s %12s %10s %14s %16s   %s | %s\n' loadleak "$(median "${LL_RPS[@]}")" "$(median "${LL_P99[@]}")" \
  "$(median "${LL_CPU[@]}")" "$(median "${LL_TCPU[@]}")" "${LL_RPS[*]}" "${LL_CPU[*]}"
echo "failed: h2load ${H2_FAIL[*]}; loadleak ${LL_FAIL[*]}"
echo "loadleak/h2load rps ratio: $(ratio "$(median "${LL_RPS[@]}")" "$(median "${H2_RPS[@]}")")   (goal ≥ 0.8)"
echo "per-round loadleak/h2load: $(paired_ratios "${LL_RPS[*]}" "${H2_RPS[*]}")"
echo "client CPU per call loadleak/h2load: $(ratio "$(median "${LL_CPU[@]}")" "$(median "${H2_CPU[@]}")")   per round: $(paired_ratios "${LL_CPU[*]}" "${H2_CPU[*]}")"
# throughput ceiling when client and target share the cores: rps ∝ 1 / (client + target CPU per call)
echo "CPU-bound ratio estimate (h2load+target)/(loadleak+target): $(python3 -c "import sys; a,b,c,d=map(float,sys.argv[1:]); print(f'{(a+b)/(c+d):.2f}')" \
  "$(median "${H2_CPU[@]}")" "$(median "${H2_TCPU[@]}")" "$(median "${LL_CPU[@]}")" "$(median "${LL_TCPU[@]}")")"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
