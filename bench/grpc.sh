#!/usr/bin/env bash
# LoadLeak's gRPC unary scenario vs h2load posting the same prepared gRPC frame to Benchmark/Query:
# same target, same HTTP/2 connections, same streams in flight, same duration, one run.
# h2load prints no percentiles, so its p99 comes from its per-request --log-file.
# LoadLeak runs with the default config's gRPC settings (nbomber-config.json's "grpc" CustomSettings: Call, payload,
# DeadlineMs) against this target's Address, with MaxConnections = CONNECTIONS.
# CLIENTS (environment, default auto) lists the LoadLeak gRPC clients to run (CustomSettings.Client): the default
# ("auto", left unset: the lean client over h2c), Grpc.Net.Client ("grpc-net") and/or the lean h2c client ("lean");
# each runs every round beside h2load.
# Usage: [CLIENTS=auto,grpc-net] bench/grpc.sh [STREAMS=64] [SECONDS=10] [ROUNDS=2] [CONNECTIONS=4]
source "$(dirname "$0")/common.sh"
need h2load curl python3
S=${1:-64}; D=${2:-10}; ROUNDS=${3:-2}; N=${4:-4}
(( S % N == 0 )) || { echo "STREAMS ($S) must be a multiple of CONNECTIONS ($N)" >&2; exit 2; }
IFS=, read -r -a CLIENTS <<<"${CLIENTS:-auto}"
for c in "${CLIENTS[@]}"; do
  [[ "$c" == auto || "$c" == grpc-net || "$c" == lean ]] || { echo "CLIENTS: '$c' is not auto, grpc-net or lean" >&2; exit 2; }
done
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$GRPC/loadleak.benchmark.Benchmark/Query"
ID=bench
header "gRPC unary Benchmark/Query: LoadLeak (clients ${CLIENTS[*]}) vs h2load, $S streams over $N connections, ${D}s each, $ROUNDS round(s)"

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

# LoadLeak's unary call sends exactly the message above, with either client.
for c in "${CLIENTS[@]}"; do
  python3 - "$ROOT/nbomber-config.json" "$OUT/loadleak-$c.json" "http://127.0.0.1:$GRPC" "$ID" "$S" "$N" "$D" "$c" <<'PY'
import json, sys
source, out, address, bid, streams, conns, d, client = sys.argv[1:]
default = json.load(open(source))
grpc = next(s for s in default["GlobalSettings"]["ScenariosSettings"] if s["ScenarioName"] == "grpc")
settings = dict(grpc["CustomSettings"], Address=address, BenchmarkId=bid, MaxConnections=int(conns))
if client != "auto":
    settings["Client"] = client
seconds = int(d)
json.dump({"TestName": f"bench-grpc-{client}", "TargetScenarios": ["grpc"],
           "GlobalSettings": {"ScenariosSettings": [{
               "ScenarioName": "grpc", "WarmUpDuration": "00:00:05",
               "LoadSimulationsSettings": [{"KeepConstant": [int(streams), f"{seconds // 3600:02}:{seconds % 3600 // 60:02}:{seconds % 60:02}"]}],
               "CustomSettings": settings}]},
           "LoadLeak": {"RetainedGc": "none"}}, open(out, "w"), indent=1)
PY
done
python3 -c "import json,sys; print('default config gRPC settings used:', json.dumps(json.load(open(sys.argv[1]))['GlobalSettings']['ScenariosSettings'][0]['CustomSettings']))" \
  "$OUT/loadleak-${CLIENTS[0]}.json"

H2=(h2load -c "$N" -m $((S / N)) -t 1 -d "$OUT/query.grpc" -H 'content-type: application/grpc' -H 'te: trailers'
    -H "x-benchmark-id: $ID" "$URL")
# warm the target up until its JIT is done, so no tool pays for it
warm_until_jitted "$TARGET_PID" 10 "${H2[@]}" -D 2

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
run_loadleak() { # run_loadleak ROUND CLIENT
  local name="loadleak-$2-$1"
  # dotnet directly, in the background: the sampler needs LoadLeak's own pid
  dotnet "$LOADLEAK_DLL" run --config "$OUT/loadleak-$2.json" --target-pid "$TARGET_PID" --out "$OUT/$name" \
    >"$OUT/$name.txt" 2>&1 &
  local pid=$!
  python3 "$OUT/cpu_watch.py" "$OUT/cpu-$name.tsv" "$pid" "$TARGET_PID"
  wait "$pid" || true
  local doc="$OUT/$name/run.json"
  [[ -f "$doc" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; tail -20 "$OUT/$name.txt" >&2; exit 5; }
  LL_RPS[$2]+=" $(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")"
  LL_P99[$2]+=" $(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")"
  LL_FAIL[$2]+=" $(json_get "$doc" "d['scenarios'][0].get('fail', 0)")"
  local window; window=$(json_get "$doc" "(lambda t0, load:
    f\"{d['scenarios'][0]['ok'] + d['scenarios'][0].get('fail', 0)} {t0 + load['start']:.4f} {t0 + load['end']:.4f}\")(
    __import__('datetime').datetime.fromisoformat(d['startedAt']).timestamp(), [p for p in d['phases'] if p['kind'] != 'warmup'][0])")
  local cpu; cpu=($(cpu_per_call "$OUT/cpu-$name.tsv" $window))
  LL_CPU[$2]+=" ${cpu[0]}"; LL_TCPU[$2]+=" ${cpu[1]}"
}

H2_RPS=(); H2_P99=(); H2_FAIL=(); H2_CPU=(); H2_TCPU=()
declare -A LL_RPS LL_P99 LL_FAIL LL_CPU LL_TCPU
ORDER=(h2load "${CLIENTS[@]}")
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do
    if [[ "$tool" == h2load ]]; then echo "round $round: h2load … (load $(loadavg))"; run_h2load "$round"
    else echo "round $round: loadleak $tool … (load $(loadavg))"; run_loadleak "$round" "$tool"; fi
  done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

printf '\n%-18s %12s %10s %14s %16s   per round rps | tool CPU µs/call\n' tool rps p99_ms cpu_us/call target_us/call
printf '%-18s %12s %10s %14s %16s   %s | %s\n' h2load "$(median "${H2_RPS[@]}")" "$(median "${H2_P99[@]}")" \
  "$(median "${H2_CPU[@]}")" "$(median "${H2_TCPU[@]}")" "${H2_RPS[*]}" "${H2_CPU[*]}"
for c in "${CLIENTS[@]}"; do
  printf '%-18s %12s %10s %14s %16s   %s | %s\n' "loadleak $c" "$(median ${LL_RPS[$c]})" "$(median ${LL_P99[$c]})" \
    "$(median ${LL_CPU[$c]})" "$(median ${LL_TCPU[$c]})" "${LL_RPS[$c]# }" "${LL_CPU[$c]# }"
done
echo "failed: h2load ${H2_FAIL[*]}$(for c in "${CLIENTS[@]}"; do printf '; loadleak %s%s' "$c" "${LL_FAIL[$c]}"; done)"
for c in "${CLIENTS[@]}"; do
  echo "$c: $(grep -m1 "^scenario 'grpc': client" "$OUT/loadleak-$c-1.txt" || echo "(no client line)")"
  echo "$c: median of per-round loadleak/h2load ratios $(median $(paired_ratios "${LL_RPS[$c]}" "${H2_RPS[*]}"))"
  echo "$c: loadleak/h2load rps ratio $(ratio "$(median ${LL_RPS[$c]})" "$(median "${H2_RPS[@]}")") (goal ≥ 1.2), per round $(paired_ratios "${LL_RPS[$c]}" "${H2_RPS[*]}");" \
       "client CPU per call loadleak/h2load $(ratio "$(median ${LL_CPU[$c]})" "$(median "${H2_CPU[@]}")"), per round $(paired_ratios "${LL_CPU[$c]}" "${H2_CPU[*]}")"
  # throughput ceiling when client and target share the cores: rps ∝ 1 / (client + target CPU per call)
  echo "$c: CPU-bound ratio estimate (h2load+target)/(loadleak+target):" \
    "$(python3 -c "import sys; a,b,c,d=map(float,sys.argv[1:]); print(f'{(a+b)/(c+d):.2f}')" \
    "$(median "${H2_CPU[@]}")" "$(median "${H2_TCPU[@]}")" "$(median ${LL_CPU[$c]})" "$(median ${LL_TCPU[$c]})")"
done
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
