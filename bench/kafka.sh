#!/usr/bin/env bash
# LoadLeak's Kafka scenario vs kcat producing the same messages (the template JSON as the value,
# header X-Benchmark-ID, no key, acks=all, linger 5 ms) to the same embedded broker (`loadleak kafka`).
# kcat is count-based (it reads messages from stdin), so its rate is messages / wall time of the
# process (including its connect and the final flush); LoadLeak's rate is its measured rps over the
# duration. Both are checked against the topic's end offset: only persisted messages count.
# Usage: bench/kafka.sh [IN_FLIGHT=5000] [SECONDS=10] [ROUNDS=2] [KCAT_MESSAGES=3000000]
source "$(dirname "$0")/common.sh"
need kcat curl python3
C=${1:-5000}; D=${2:-10}; ROUNDS=${3:-2}; KN=${4:-3000000}
build
start_kafka
TOPIC=loadleak
BODY='{"op":"query","payload":"a1b2c3"}'
ID=bench
header "Kafka produce to the embedded broker ($KAFKA_BOOTSTRAP): LoadLeak ($C in flight, ${D}s) vs kcat ($KN messages), $ROUNDS round(s)"

# LoadLeak needs a process to sample; a sleeping one keeps the correlator cheap and out of the way.
sleep $((ROUNDS * (D + 60) + 600)) &
TARGET_PID=$!; CHILDREN+=("$TARGET_PID")

cat >"$OUT/loadleak.json" <<JSON
{ "TestName": "bench-kafka", "TargetScenarios": ["kafka"],
  "GlobalSettings": { "ScenariosSettings": [ {
    "ScenarioName": "kafka", "WarmUpDuration": "00:00:05",
    "LoadSimulationsSettings": [ { "KeepConstant": [$C, "$(hms "$D")"] } ],
    "CustomSettings": { "Protocol": "kafka", "BootstrapServers": "$KAFKA_BOOTSTRAP", "Topic": "$TOPIC",
                        "Acks": "all", "LingerMs": 5, "BenchmarkId": "$ID" } } ] },
  "LoadLeak": { "RetainedGc": "none" } }
JSON

end_offset() { kcat -b "$KAFKA_BOOTSTRAP" -Q -t "$TOPIC:0:-1" 2>/dev/null | awk '{print $NF}'; }

run_kcat() {
  local before after start end
  before=$(end_offset); start=$(date +%s.%N)
  yes "$BODY" | kcat -P -b "$KAFKA_BOOTSTRAP" -t "$TOPIC" -p 0 -H "X-Benchmark-ID=$ID" -c "$KN" \
    -X acks=all -X linger.ms=5 -X enable.idempotence=false 2>"$OUT/kcat-$1.err" || true
  end=$(date +%s.%N); after=$(end_offset)
  KC_RPS+=("$(python3 -c "import sys; print(f'{int(sys.argv[1]) / (float(sys.argv[3]) - float(sys.argv[2])):.2f}')" $((after - before)) "$start" "$end")")
  KC_INFO+=("$((after - before))msgs/$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}s')" "$start" "$end")")
}
run_loadleak() {
  local before after
  before=$(end_offset)
  loadleak_run "$OUT/loadleak.json" "loadleak-$1"
  after=$(end_offset)
  local doc="$OUT/loadleak-$1/run.json"
  LL_RPS+=("$(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")")
  LL_P99+=("$(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")")
  LL_INFO+=("ok=$(json_get "$doc" "d['scenarios'][0]['ok']"),fail=$(json_get "$doc" "d['scenarios'][0]['fail']"),offsets+$((after - before))")
}

KC_RPS=(); KC_INFO=(); LL_RPS=(); LL_P99=(); LL_INFO=()
ORDER=(kcat loadleak)
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do echo "round $round: $tool … (load $(loadavg))"; "run_$tool" "$round"; done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

printf '\n%-10s %12s %10s   per round\n' tool msgs/s p99_ms
printf '%-10s %12s %10s   %s\n' kcat "$(median "${KC_RPS[@]}")" "-" "${KC_RPS[*]} (${KC_INFO[*]})"
printf '%-10s %12s %10s   %s\n' loadleak "$(median "${LL_RPS[@]}")" "$(median "${LL_P99[@]}")" "${LL_RPS[*]} (${LL_INFO[*]}; incl. warm-up)"
echo "(kcat reports no per-message latency; LoadLeak's p99 is send-to-ack)"
echo "loadleak/kcat rate ratio: $(ratio "$(median "${LL_RPS[@]}")" "$(median "${KC_RPS[@]}")")   (goal ≥ 1.0)"
echo "per-round loadleak/kcat: $(paired_ratios "${LL_RPS[*]}" "${KC_RPS[*]}")"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
