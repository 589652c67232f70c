#!/usr/bin/env bash
# LoadLeak's HTTP scenario vs wrk and hey: same target, same connections, same duration, one run.
# Usage: bench/http.sh [CONNECTIONS=64] [SECONDS=10]
source "$(dirname "$0")/common.sh"
need wrk hey curl python3
C=${1:-64}; D=${2:-10}
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
BODY='{"op":"query","payload":"a1b2c3"}'

cat >"$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Benchmark-ID"] = "bench"
LUA
# warm the target up once so no tool pays for JIT
wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null

wrk -t2 -c"$C" -d"${D}s" --latency -s "$OUT/post.lua" "$URL" | tee "$OUT/wrk.txt"
WRK_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
WRK_P99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}' "$OUT/wrk.txt")

hey -z "${D}s" -c "$C" -m POST -T application/json -H "X-Benchmark-ID: bench" -d "$BODY" "$URL" | tee "$OUT/hey.txt"
HEY_RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/hey.txt")
HEY_P99=$(awk '/ 99%/ {print $3*1000}' "$OUT/hey.txt")

cat >"$OUT/loadleak.json" <<JSON
{ "TestName": "bench-http", "TargetScenarios": ["http"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "http", "WarmUpDuration": "00:00:00",
    "LoadSimulationsSettings": [ { "KeepConstant": [$C, "00:00:$(printf %02d "$D")"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL", "MaxConnections": $C } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON
loadleak run --config "$OUT/loadleak.json" --target-pid "$TARGET_PID" --out "$OUT/loadleak" >"$OUT/loadleak.txt" 2>&1 || true
LL_RPS=$(json_get "$OUT/loadleak/run.json" "d['scenarios'][0]['rps']")
LL_P99=$(json_get "$OUT/loadleak/run.json" "d['scenarios'][0]['latencyMs']['p99']")

echo
echo "HTTP POST /api/query, $C connections, ${D}s each, same target (pid $TARGET_PID)"
printf '%-10s %12s %10s\n' tool rps p99_ms
printf '%-10s %12s %10s\n' wrk "$WRK_RPS" "$WRK_P99" hey "$HEY_RPS" "$HEY_P99" loadleak "$LL_RPS" "$LL_P99"
echo "loadleak/wrk rps ratio: $(ratio "$LL_RPS" "$WRK_RPS")   (goal ≥ 0.8)"
echo "loadleak/hey rps ratio: $(ratio "$LL_RPS" "$HEY_RPS")   (goal ≥ 1.5)"
echo "outputs in $OUT"
