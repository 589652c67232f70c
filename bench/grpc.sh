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

run_h2load() {
  "${H2[@]}" -D "$D" --log-file="$OUT/h2load-$1.log" >"$OUT/h2load-$1.txt"
  H2_RPS+=("$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$OUT/h2load-$1.txt")")
  H2_P99+=("$(python3 - "$OUT/h2load-$1.log" <<'PY'
import sys
micros = sorted(int(line.split("\t")[2]) for line in open(sys.argv[1]) if line.split("\t")[1] == "200")
print(f"{micros[min(len(micros) - 1, int(len(micros) * 0.99))] / 1000:.2f}" if micros else "nan")
PY
)")
  H2_FAIL+=("$(awk '/^requests:/ {print $(NF-1)}' "$OUT/h2load-$1.txt") errored")
}
run_loadleak() {
  loadleak_run "$OUT/loadleak.json" "loadleak-$1"
  local doc="$OUT/loadleak-$1/run.json"
  LL_RPS+=("$(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")")
  LL_P99+=("$(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")")
  LL_FAIL+=("$(json_get "$doc" "d['scenarios'][0].get('fail', 0)")")
}

H2_RPS=(); H2_P99=(); H2_FAIL=(); LL_RPS=(); LL_P99=(); LL_FAIL=()
ORDER=(h2load loadleak)
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do echo "round $round: $tool … (load $(loadavg))"; "run_$tool" "$round"; done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

printf '\n%-10s %12s %10s   per round rps\n' tool rps p99_ms
printf '%-10s %12s %10s   %s\n' h2load "$(median "${H2_RPS[@]}")" "$(median "${H2_P99[@]}")" "${H2_RPS[*]}"
printf '%-10s %12s %10s   %s\n' loadleak "$(median "${LL_RPS[@]}")" "$(median "${LL_P99[@]}")" "${LL_RPS[*]}"
echo "failed: h2load ${H2_FAIL[*]}; loadleak ${LL_FAIL[*]}"
echo "loadleak/h2load rps ratio: $(ratio "$(median "${LL_RPS[@]}")" "$(median "${H2_RPS[@]}")")   (goal ≥ 0.8)"
echo "per-round loadleak/h2load: $(paired_ratios "${LL_RPS[*]}" "${H2_RPS[*]}")"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
