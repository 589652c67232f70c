#!/usr/bin/env bash
# LoadLeak's Kafka scenario vs kcat producing the same messages (the template JSON as the value,
# header X-Benchmark-ID, no key, acks=all, linger 5 ms) to the same embedded broker (`loadleak kafka`).
# kcat is count-based (it reads messages from stdin), so its rate is messages / wall time of the
# process (including its connect and the final flush); LoadLeak's rate is its measured rps over the
# duration. Both are checked against the topic's end offset: only persisted messages count.
#
# BATCHES is a comma list of LoadLeak BatchSize values (messages produced back to back per iteration,
# one response per batch). Every batch size keeps IN_FLIGHT messages in flight: IN_FLIGHT / BATCH copies.
# Besides the rates, the script reads CPU time from /proc/PID/stat: kcat's whole process, and LoadLeak's
# and the broker's during LoadLeak's measured phase only (from the phase start on the live console to
# 1 s before its end, against the end offsets read at the same moments), so start-up, JIT warm-up
# and report writing are not in LoadLeak's µs/msg.
# In-flight bounds: with linger 5 ms a producer's rate cannot exceed its in-flight bound / (5 ms + round trip):
# 5000 caps it near 700k msg/s here. LoadLeak keeps IN_FLIGHT messages in flight (IN_FLIGHT / B copies of B); kcat
# keeps up to queue.buffering.max.messages unacknowledged (librdkafka's default 100 000). KCAT_QUEUE (environment)
# sets kcat's bound: "match" (the default) gives kcat IN_FLIGHT too, so both tools run with the same bound, as a kcat
# user would set it to load like the scenario; "default" leaves librdkafka's 100 000 (then give LoadLeak
# IN_FLIGHT=100000 for equal bounds). Both bounds are printed. bench/README.md (Session 9: Kafka) has the figures.
# LoadLeak runs with the default config's Kafka settings (nbomber-config.json's "kafka" CustomSettings: Acks, LingerMs,
# MessageTimeoutMs; BatchSize 1 there) with this broker, the bench's topic and BatchSize from BATCHES; no EndToEndUrl.
# PRODUCERS (environment, default auto) lists the LoadLeak producers to run (CustomSettings.Producer): the default
# ("auto", left unset: the native producer here), Confluent.Kafka's ("confluent") or librdkafka called directly
# ("native"); every producer runs every batch size.
# Usage: [PRODUCERS=auto,confluent] [KCAT_QUEUE=match|default|N] \
#   bench/kafka.sh [IN_FLIGHT=5000] [SECONDS=10] [ROUNDS=2] [KCAT_MESSAGES=3000000] [BATCHES=1,100,1000]
source "$(dirname "$0")/common.sh"
need kcat curl python3
C=${1:-5000}; D=${2:-10}; ROUNDS=${3:-2}; KN=${4:-3000000}; IFS=, read -r -a BATCHES <<<"${5:-1,100,1000}"
IFS=, read -r -a PRODUCERS <<<"${PRODUCERS:-auto}"
for p in "${PRODUCERS[@]}"; do
  [[ "$p" == auto || "$p" == confluent || "$p" == native ]] || { echo "PRODUCERS: '$p' is not auto, confluent or native" >&2; exit 2; }
done
for b in "${BATCHES[@]}"; do
  (( b >= 1 && C / b >= 1 )) || { echo "BATCH $b: IN_FLIGHT $C / BATCH must be ≥ 1 copy" >&2; exit 2; }
done
case "${KCAT_QUEUE:=match}" in
  match) KCAT_BOUND=$C; KCAT_X=(-X "queue.buffering.max.messages=$C") ;;
  default) KCAT_BOUND="100000 (librdkafka's default)"; KCAT_X=() ;;
  *) [[ "$KCAT_QUEUE" =~ ^[1-9][0-9]*$ ]] || { echo "KCAT_QUEUE: '$KCAT_QUEUE' is not match, default or a count" >&2; exit 2; }
     KCAT_BOUND=$KCAT_QUEUE; KCAT_X=(-X "queue.buffering.max.messages=$KCAT_QUEUE") ;;
esac
(( D >= 3 )) || { echo "SECONDS must be ≥ 3 (the CPU window is the measured phase minus 1 s)" >&2; exit 2; }
build
start_kafka
TOPIC=loadleak
BODY='{"op":"query","payload":"a1b2c3"}'
ID=bench
TICK=$(getconf CLK_TCK)
title="Kafka produce to the embedded broker ($KAFKA_BOOTSTRAP): LoadLeak (producers ${PRODUCERS[*]}, $C in flight, batches ${BATCHES[*]}, ${D}s)"
title+=" vs kcat ($KN messages), $ROUNDS round(s)"
header "$title"
echo "in-flight bounds: LoadLeak $C messages (IN_FLIGHT / B copies of B); kcat queue.buffering.max.messages=$KCAT_BOUND (KCAT_QUEUE=$KCAT_QUEUE)"

# LoadLeak needs a process to sample; a sleeping one keeps the correlator cheap and out of the way.
sleep $((ROUNDS * ${#PRODUCERS[@]} * ${#BATCHES[@]} * (D + 60) + 600)) &
TARGET_PID=$!; CHILDREN+=("$TARGET_PID")

config() { # config PRODUCER BATCH → the LoadLeak config for that producer and batch size
  python3 - "$ROOT/nbomber-config.json" "$OUT/loadleak-$1-b$2.json" "$KAFKA_BOOTSTRAP" "$TOPIC" "$ID" "$1" "$2" "$((C / $2))" "$D" <<'PY'
import json, sys
source, out, bootstrap, topic, bid, producer, batch, copies, d = sys.argv[1:]
default = json.load(open(source))
kafka = next(s for s in default["GlobalSettings"]["ScenariosSettings"] if s["ScenarioName"] == "kafka")
settings = {k: v for k, v in kafka["CustomSettings"].items() if k != "EndToEndUrl"}  # no consuming target here
settings.update(BootstrapServers=bootstrap, Topic=topic, BenchmarkId=bid, BatchSize=int(batch))
if producer != "auto":
    settings["Producer"] = producer
seconds = int(d)
json.dump({"TestName": f"bench-kafka-{producer}-b{batch}", "TargetScenarios": ["kafka"],
           "GlobalSettings": {"ScenariosSettings": [{
               "ScenarioName": "kafka", "WarmUpDuration": "00:00:05",
               "LoadSimulationsSettings": [{"KeepConstant": [int(copies), f"{seconds // 3600:02}:{seconds % 3600 // 60:02}:{seconds % 60:02}"]}],
               "CustomSettings": settings}]},
           "LoadLeak": {"RetainedGc": "none"}}, open(out, "w"), indent=1)
PY
}
RUNS=() # producer:batch
for p in "${PRODUCERS[@]}"; do for b in "${BATCHES[@]}"; do config "$p" "$b"; RUNS+=("$p:$b"); done; done
python3 -c "import json,sys; print('default config Kafka settings used:', json.dumps(json.load(open(sys.argv[1]))['GlobalSettings']['ScenariosSettings'][0]['CustomSettings']))" \
  "$OUT/loadleak-${PRODUCERS[0]}-b${BATCHES[0]}.json"

end_offset() { kcat -b "$KAFKA_BOOTSTRAP" -Q -t "$TOPIC:0:-1" 2>/dev/null | awk '{print $NF}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime + stime of a live process
us_per_msg() { python3 -c "import sys; t, n, hz = map(float, sys.argv[1:]); print(f'{t / hz / n * 1e6:.2f}' if n > 0 else 'n/a')" "$1" "$2" "$TICK"; }
div() { python3 -c "import sys; a, b = map(float, sys.argv[1:]); print(f'{a / b:.2f}' if b else 'n/a')" "$1" "$2"; }

run_kcat() {
  local before after start end broker0 broker1
  before=$(end_offset); broker0=$(cpu_ticks "$KAFKA_PID"); start=$(date +%s.%N)
  yes "$BODY" | /usr/bin/time -f '%U %S' -o "$OUT/kcat-$1.time" \
    kcat -P -b "$KAFKA_BOOTSTRAP" -t "$TOPIC" -p 0 -H "X-Benchmark-ID=$ID" -c "$KN" \
    -X acks=all -X linger.ms=5 -X enable.idempotence=false "${KCAT_X[@]}" 2>"$OUT/kcat-$1.err" || true
  end=$(date +%s.%N); broker1=$(cpu_ticks "$KAFKA_PID"); after=$(end_offset)
  local n=$((after - before)) secs cpu
  secs=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end")
  cpu=$(tail -1 "$OUT/kcat-$1.time" | awk '{printf "%d", ($1 + $2) * '"$TICK"'}') # the last line: time may print an exit status first
  RATE[kcat]+=" $(div "$n" "$secs")"
  CPU[kcat]+=" $(us_per_msg "$cpu" "$n")"
  BROKER[kcat]+=" $(us_per_msg $((broker1 - broker0)) "$n")"
  INFO[kcat]+=" ${n}msgs/$(printf '%.2f' "$secs")s"
}

run_loadleak() { # run_loadleak ROUND PRODUCER BATCH
  local name="loadleak-$2-b$3-$1" before after pid
  before=$(end_offset)
  dotnet "$LOADLEAK_DLL" run --config "$OUT/loadleak-$2-b$3.json" --target-pid "$TARGET_PID" --out "$OUT/$name" >"$OUT/$name.txt" 2>&1 &
  pid=$!; CHILDREN+=("$pid")
  # The measured phase starts when the live console prints it; CPU and offsets are read from then on.
  local waited=0
  until grep -q "' (load)" "$OUT/$name.txt" 2>/dev/null; do
    sleep 0.1; waited=$((waited + 1))
    if ! kill -0 "$pid" 2>/dev/null || (( waited > 900 )); then break; fi
  done
  local t0 c0 b0 o0 t1 c1 b1 o1
  t0=$(date +%s.%N); c0=$(cpu_ticks "$pid"); b0=$(cpu_ticks "$KAFKA_PID"); o0=$(end_offset)
  sleep $((D - 1))
  t1=$(date +%s.%N); c1=$(cpu_ticks "$pid"); b1=$(cpu_ticks "$KAFKA_PID"); o1=$(end_offset)
  wait "$pid" || true
  after=$(end_offset)
  local doc="$OUT/$name/run.json"
  [[ -f "$doc" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; tail -20 "$OUT/$name.txt" >&2; exit 5; }
  local key="$2:$3" window
  window=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$t0" "$t1")
  RATE[$key]+=" $(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")"
  WINDOW_RATE[$key]+=" $(div $((o1 - o0)) "$window")"
  P99[$key]+=" $(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")"
  CPU[$key]+=" $(us_per_msg $((c1 - c0)) $((o1 - o0)))"
  BROKER[$key]+=" $(us_per_msg $((b1 - b0)) $((o1 - o0)))"
  INFO[$key]+=" ok=$(json_get "$doc" "d['scenarios'][0]['ok']"),fail=$(json_get "$doc" "d['scenarios'][0]['fail']"),offsets+$((after - before))"
}

declare -A RATE WINDOW_RATE P99 CPU BROKER INFO
ORDER=(kcat "${RUNS[@]}")
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do
    if [[ "$tool" == kcat ]]; then echo "round $round: kcat … (load $(loadavg))"; run_kcat "$round"
    else
      p=${tool%:*}; b=${tool#*:}
      echo "round $round: loadleak $p BatchSize $b ($((C / b)) copies) … (load $(loadavg))"; run_loadleak "$round" "$p" "$b"
    fi
  done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

# med "V1 V2 …" — the median of a round list, skipping n/a
med() {
  python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1].split() if x != 'n/a']; print(f'{statistics.median(v):.2f}' if v else 'n/a')" \
    "$1"
}
echo
printf '%-22s %12s %12s %9s %10s %12s   per round\n' tool msgs/s window/s p99_ms µs/msg broker_µs/msg
printf '%-22s %12s %12s %9s %10s %12s   %s\n' kcat "$(med "${RATE[kcat]}")" - - "$(med "${CPU[kcat]}")" "$(med "${BROKER[kcat]}")" \
  "${RATE[kcat]} (${INFO[kcat]# })"
for k in "${RUNS[@]}"; do
  printf '%-22s %12s %12s %9s %10s %12s   %s\n' "loadleak ${k%:*} B=${k#*:}" "$(med "${RATE[$k]}")" "$(med "${WINDOW_RATE[$k]}")" \
    "$(med "${P99[$k]}")" "$(med "${CPU[$k]}")" "$(med "${BROKER[$k]}")" "${RATE[$k]} (${INFO[$k]# }; incl. warm-up)"
done
echo "(msgs/s: kcat = messages / process wall time, LoadLeak = its measured rps; window/s = end offsets over LoadLeak's CPU window."
echo " µs/msg = user+sys CPU per persisted message: kcat's whole process, LoadLeak's measured phase. kcat reports no"
echo " per-message latency; LoadLeak's p99 is send-to-ack, for B > 1 the batch's first send to its last ack.)"
for p in "${PRODUCERS[@]}"; do
  echo "$p: $(grep -m1 "^scenario 'kafka': client" "$OUT/loadleak-$p-b${BATCHES[0]}-1.txt" || echo "(no client line)")"
done
for k in "${RUNS[@]}"; do
  echo "${k%:*} B=${k#*:}: median of per-round loadleak/kcat ratios $(median $(paired_ratios "${RATE[$k]}" "${RATE[kcat]}"))"
  echo "${k%:*} B=${k#*:}: loadleak/kcat rate $(ratio "$(med "${RATE[$k]}")" "$(med "${RATE[kcat]}")") (goal ≥ 1.0), per round $(paired_ratios "${RATE[$k]}" "${RATE[kcat]}");" \
       "CPU per message loadleak/kcat $(ratio "$(med "${CPU[$k]}")" "$(med "${CPU[kcat]}")")"
done
echo "in-flight bounds: LoadLeak $C messages, kcat $KCAT_BOUND"
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
