#!/usr/bin/env bash
# LoadLeak's HTTP scenario vs wrk and hey: same target, same request, same connections, same duration,
# one run. Each round runs the three tools one after another (the order rotates between rounds so no
# tool always gets the warmest or the quietest slot); the figures are the medians over the rounds.
# CLIENTS (environment, default httpclient) lists the LoadLeak HTTP clients to run (CustomSettings.Client):
# SocketsHttpHandler ("httpclient") and/or the raw HTTP/1.1 client ("raw"); each is one more tool in every round.
# Usage: [CLIENTS=httpclient,raw] bench/http.sh [CONNECTIONS=64] [SECONDS=10] [ROUNDS=2]
source "$(dirname "$0")/common.sh"
need wrk hey curl python3
C=${1:-64}; D=${2:-10}; ROUNDS=${3:-2}
IFS=, read -r -a CLIENTS <<<"${CLIENTS:-httpclient}"
for c in "${CLIENTS[@]}"; do
  [[ "$c" == httpclient || "$c" == raw ]] || { echo "CLIENTS: '$c' is not httpclient or raw" >&2; exit 2; }
done
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
BODY='{"op":"query","payload":"a1b2c3"}'
ID=bench
header "HTTP POST /api/query: LoadLeak (clients ${CLIENTS[*]}) vs wrk vs hey, $C connections, ${D}s each, $ROUNDS round(s)"

write_post_lua "$BODY" "$ID"
# LoadLeak: closed model, C copies over at most C connections; a 5 s warm-up (excluded from the
# figures) pays for its own JIT, as the wrk run below pays for the target's.
for client in "${CLIENTS[@]}"; do cat >"$OUT/loadleak-$client.json" <<JSON
{ "TestName": "bench-http-$client", "TargetScenarios": ["http"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "http", "WarmUpDuration": "00:00:05",
    "LoadSimulationsSettings": [ { "KeepConstant": [$C, "$(hms "$D")"] } ],
    "CustomSettings": { "Protocol": "http", "Url": "$URL",
                        "Body": $(printf '%s' "$BODY" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'),
                        "BenchmarkId": "$ID", "MaxConnections": $C, "Client": "$client" } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON
done

# warm the target up once so no tool pays for the target's JIT
wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null

# cpu_us USER_SYS_FILE REQUESTS — CPU µs per request from a `time -f '%U %S'` file
cpu_us() { awk -v n="$2" '{ printf "%.1f", ($1 + $2) * 1e6 / (n > 0 ? n : 1) }' "$1"; }

run_wrk() {
  /usr/bin/time -f '%U %S' -o "$OUT/wrk-$1.time" wrk -t2 -c"$C" -d"${D}s" --latency -s "$OUT/post.lua" "$URL" >"$OUT/wrk-$1.txt"
  WRK_RPS+=("$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt")")
  WRK_CPU+=("$(cpu_us "$OUT/wrk-$1.time" "$(awk '/requests in/ {print $1}' "$OUT/wrk-$1.txt")")")
  WRK_P99+=("$(wrk_ms "$(awk '$1=="99%" {print $2}' "$OUT/wrk-$1.txt")")")
}
run_hey() {
  hey -z "${D}s" -c "$C" -m POST -T application/json -H "X-Benchmark-ID: $ID" -d "$BODY" "$URL" >"$OUT/hey-$1.txt"
  HEY_RPS+=("$(awk '/Requests\/sec/ {print $2}' "$OUT/hey-$1.txt")")
  HEY_P99+=("$(awk '$1=="99%" {printf "%.2f", $3*1000}' "$OUT/hey-$1.txt")")
}
run_loadleak() { # run_loadleak ROUND CLIENT
  # as loadleak_run, under time(1): the whole process's CPU (startup, attach, JIT, warm-up, report)
  # over every request it sent, warm-up included, so an upper bound on its steady-state CPU per request
  local name="loadleak-$2-$1"
  /usr/bin/time -f '%U %S' -o "$OUT/$name.time" dotnet "$LOADLEAK_DLL" run --config "$OUT/loadleak-$2.json" \
    --target-pid "$TARGET_PID" --out "$OUT/$name" >"$OUT/$name.txt" 2>&1 || true
  local doc="$OUT/$name/run.json"
  [[ -f "$doc" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; tail -20 "$OUT/$name.txt" >&2; exit 5; }
  LL_CPU[$2]+=" $(cpu_us "$OUT/$name.time" "$(json_get "$doc" "sum(i['ok'] + i['fail'] for i in d['intervals'])")")"
  LL_RPS[$2]+=" $(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")"
  LL_P99[$2]+=" $(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")"
  LL_FAIL[$2]+=" $(json_get "$doc" "d['scenarios'][0].get('fail', 0)")"
}

WRK_RPS=(); WRK_P99=(); WRK_CPU=(); HEY_RPS=(); HEY_P99=()
declare -A LL_RPS LL_P99 LL_FAIL LL_CPU
ORDER=(wrk hey); for c in "${CLIENTS[@]}"; do ORDER+=("loadleak:$c"); done
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do
    echo "round $round: $tool … (load $(loadavg))"
    if [[ "$tool" == loadleak:* ]]; then run_loadleak "$round" "${tool#loadleak:}"; else "run_$tool" "$round"; fi
  done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

printf '\n%-20s %12s %10s   per round rps\n' tool rps p99_ms
printf '%-20s %12s %10s   %s\n' wrk "$(median "${WRK_RPS[@]}")" "$(median "${WRK_P99[@]}")" "${WRK_RPS[*]}"
printf '%-20s %12s %10s   %s\n' hey "$(median "${HEY_RPS[@]}")" "$(median "${HEY_P99[@]}")" "${HEY_RPS[*]}"
for c in "${CLIENTS[@]}"; do
  # shellcheck disable=SC2086 # the per-client lists are space-separated on purpose
  printf '%-20s %12s %10s   %s\n' "loadleak($c)" "$(median ${LL_RPS[$c]})" "$(median ${LL_P99[$c]})" "${LL_RPS[$c]# }"
done
echo "CPU µs/request per round (whole process): wrk ${WRK_CPU[*]}"
for c in "${CLIENTS[@]}"; do
  # shellcheck disable=SC2086
  rps=$(median ${LL_RPS[$c]})
  echo "loadleak($c): failed requests per round:${LL_FAIL[$c]}   CPU µs/request per round:${LL_CPU[$c]}" \
    "(incl. startup and warm-up; bench/cpu.sh measures steady state)"
  echo "loadleak($c)/wrk rps ratio: $(ratio "$rps" "$(median "${WRK_RPS[@]}")")   (goal ≥ 0.8)  " \
    "loadleak($c)/hey: $(ratio "$rps" "$(median "${HEY_RPS[@]}")")   (goal ≥ 1.5)"
  echo "per-round loadleak($c)/wrk: $(paired_ratios "${LL_RPS[$c]}" "${WRK_RPS[*]}")  " \
    "loadleak($c)/hey: $(paired_ratios "${LL_RPS[$c]}" "${HEY_RPS[*]}")"
done
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
