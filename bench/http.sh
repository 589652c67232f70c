#!/usr/bin/env bash
# LoadLeak's HTTP scenario vs wrk and hey: same target, same request, same connections, same duration, one run.
# LoadLeak runs with the default config's HTTP settings (nbomber-config.json's "http" CustomSettings: Url, HttpVersion,
# payload, TimeoutMs, MaxConnections = CONNECTIONS, the default client), attached to the target with the correlator,
# and once more with `--no-eventpipe`, so the breakdown shows what the EventPipe session costs the target.
# Each round runs every tool one after another (the order rotates between rounds so no tool always gets the warmest
# or the quietest slot); the figures are medians over the rounds, and every ratio is also given per round.
# CPU per request (user+sys from /proc, sampled every 0.1 s by cpu_watch.py) is steadier than rps on a shared box:
# the tool's and the target's, inside the tool's measured window (wrk, hey: the whole run; LoadLeak: its load phase,
# warm-up excluded, from run.json), and per thread of LoadLeak and of the target.
# Environment:
#   CLIENTS=auto[,raw,httpclient]  LoadLeak HTTP clients (CustomSettings.Client; auto = the default, left unset)
#   EVENTPIPE=on,off               LoadLeak attached with EventPipe (on) and with --no-eventpipe (off)
#   HEY=0                          skip hey;  LL_ENV="VAR=value …"  extra environment for the LoadLeak runs
#   VARIANTS="name:VAR=value …;…"  one more LoadLeak run per variant (first client, EventPipe on) with that environment
#   PIN="LL_CPUS TARGET_CPUS"      e.g. PIN="1 0": taskset LoadLeak and wrk/hey to cpu 1, the target to cpu 0
# Usage: bench/http.sh [CONNECTIONS=100] [SECONDS=10] [ROUNDS=3]
source "$(dirname "$0")/common.sh"
need wrk hey curl python3
C=${1:-100}; D=${2:-10}; ROUNDS=${3:-3}
IFS=, read -r -a CLIENTS <<<"${CLIENTS:-auto}"
IFS=, read -r -a EVENTPIPE <<<"${EVENTPIPE:-on,off}"
for c in "${CLIENTS[@]}"; do
  [[ "$c" == auto || "$c" == httpclient || "$c" == raw ]] || { echo "CLIENTS: '$c' is not auto, httpclient or raw" >&2; exit 2; }
done
for e in "${EVENTPIPE[@]}"; do [[ "$e" == on || "$e" == off ]] || { echo "EVENTPIPE: '$e' is not on or off" >&2; exit 2; }; done
read -r LL_CPUS TARGET_CPUS <<<"${PIN:-}"
pin() { if [[ -n "$1" ]]; then echo taskset -c "$1"; fi; } # pin CPUS → the taskset prefix, or nothing
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
# every thread the target has, and (inherited) every thread it starts later
[[ -z "${TARGET_CPUS:-}" ]] || taskset -a -p -c "$TARGET_CPUS" "$TARGET_PID" >/dev/null
URL="http://127.0.0.1:$HTTP/api/query"
BODY='{"op":"query","payload":"a1b2c3"}'
ID=bench
header "HTTP POST /api/query: LoadLeak (clients ${CLIENTS[*]}; EventPipe ${EVENTPIPE[*]}) vs wrk and hey (HEY=${HEY:-1}), $C connections, ${D}s each, $ROUNDS round(s)${PIN:+; taskset: LoadLeak and peers $LL_CPUS, target $TARGET_CPUS}${LL_ENV:+; LL_ENV=$LL_ENV}"

write_post_lua "$BODY" "$ID"
# LoadLeak: the default config's HTTP CustomSettings with this target's Url; closed model, C copies over at most C
# connections; a 5 s warm-up (excluded from the figures) pays for its own JIT, as the wrk run below pays for the target's.
for client in "${CLIENTS[@]}"; do
  python3 - "$ROOT/nbomber-config.json" "$OUT/loadleak-$client.json" "$URL" "$ID" "$C" "$D" "$client" <<'PY'
import json, sys
source, out, url, bid, c, d, client = sys.argv[1:]
default = json.load(open(source))
http = next(s for s in default["GlobalSettings"]["ScenariosSettings"] if s["ScenarioName"] == "http")
settings = dict(http["CustomSettings"], Url=url, BenchmarkId=bid, MaxConnections=int(c))
if client != "auto":
    settings["Client"] = client
seconds = int(d)
config = {"TestName": f"bench-http-{client}", "TargetScenarios": ["http"],
          "GlobalSettings": {"ScenariosSettings": [{
              "ScenarioName": "http", "WarmUpDuration": "00:00:05",
              "LoadSimulationsSettings": [{"KeepConstant": [int(c), f"{seconds // 3600:02}:{seconds % 3600 // 60:02}:{seconds % 60:02}"]}],
              "CustomSettings": settings}]},
          "LoadLeak": {"RetainedGc": "none"}}
json.dump(config, open(out, "w"), indent=1)
PY
done
python3 -c "import json,sys; print('default config HTTP settings used:', json.dumps(json.load(open(sys.argv[1]))['GlobalSettings']['ScenariosSettings'][0]['CustomSettings']))" \
  "$OUT/loadleak-${CLIENTS[0]}.json"

# warm the target up until its JIT is done, so no tool pays for it
warm_until_jitted "$TARGET_PID" 10 $(pin "$LL_CPUS") wrk -t2 -c"$C" -d2s -s "$OUT/post.lua" "$URL"

WATCH="$ROOT/bench/cpu_watch.py"; WINDOW="$ROOT/bench/cpu_window.py"
declare -A RPS P99 CPU TCPU FAIL THREADS CLIENT_LINE
# record TOOL RPS P99 CPU_LINE — CPU_LINE is cpu_window.py's "tool=µs target=µs"
record() {
  RPS[$1]+=" $2"; P99[$1]+=" $3"
  CPU[$1]+=" $(sed -n 's/.*tool=\([^ ]*\).*/\1/p' <<<"$4" | head -1)"
  TCPU[$1]+=" $(sed -n 's/.*target=\([^ ]*\).*/\1/p' <<<"$4" | head -1)"
}

run_wrk() {
  $(pin "$LL_CPUS") wrk -t2 -c"$C" -d"${D}s" --latency -s "$OUT/post.lua" "$URL" >"$OUT/wrk-$1.txt" &
  local pid=$!
  python3 "$WATCH" "$OUT/cpu-wrk-$1.jsonl" "tool=$pid" "target=$TARGET_PID"
  wait "$pid"
  local n; n=$(awk '/requests in/ {print $1}' "$OUT/wrk-$1.txt")
  local cpu; cpu=$(python3 "$WINDOW" "$OUT/cpu-wrk-$1.jsonl" "$n" --threads target)
  record wrk "$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-$1.txt")" "$(wrk_ms "$(awk '$1=="99%" {print $2}' "$OUT/wrk-$1.txt")")" "$cpu"
  THREADS[wrk]+="  round $1: ${cpu#*$'\n'}"$'\n'
}
run_hey() {
  $(pin "$LL_CPUS") hey -z "${D}s" -c "$C" -m POST -T application/json -H "X-Benchmark-ID: $ID" -d "$BODY" "$URL" >"$OUT/hey-$1.txt" &
  local pid=$!
  python3 "$WATCH" "$OUT/cpu-hey-$1.jsonl" "tool=$pid" "target=$TARGET_PID"
  wait "$pid"
  local n; n=$(awk '/\[2[0-9][0-9]\]/ {s += $2} END {print s + 0}' "$OUT/hey-$1.txt")
  record hey "$(awk '/Requests\/sec/ {print $2}' "$OUT/hey-$1.txt")" "$(awk '$1=="99%" {printf "%.2f", $3*1000}' "$OUT/hey-$1.txt")" \
    "$(python3 "$WINDOW" "$OUT/cpu-hey-$1.jsonl" "$n")"
}
declare -A VARIANT_ENV
IFS=';' read -r -a _variants <<<"${VARIANTS:-}"
for v in "${_variants[@]}"; do [[ -n "$v" ]] && VARIANT_ENV[${v%%:*}]=${v#*:}; done
run_loadleak() { # run_loadleak ROUND CLIENT EVENTPIPE [VARIANT]
  local key="loadleak:$2:$3${4:+:$4}" name="loadleak-$2-ep$3${4:+-$4}-$1" flags=()
  [[ "$3" == off ]] && flags+=(--no-eventpipe)
  # dotnet directly, in the background: the sampler needs LoadLeak's own pid
  # shellcheck disable=SC2086 # the environment lists are word-split on purpose
  env ${LL_ENV:-} ${4:+${VARIANT_ENV[$4]}} $(pin "$LL_CPUS") dotnet "$LOADLEAK_DLL" run --config "$OUT/loadleak-$2.json" --target-pid "$TARGET_PID" \
    --out "$OUT/$name" "${flags[@]}" >"$OUT/$name.txt" 2>&1 &
  local pid=$!
  python3 "$WATCH" "$OUT/cpu-$name.jsonl" "tool=$pid" "target=$TARGET_PID"
  wait "$pid" || true
  local doc="$OUT/$name/run.json"
  [[ -f "$doc" ]] || { echo "loadleak wrote no run.json; see $OUT/$name.txt" >&2; tail -20 "$OUT/$name.txt" >&2; exit 5; }
  # requests and the load phase's window (epoch seconds) from run.json
  local window; window=$(json_get "$doc" "(lambda t0, s, load: f\"{s['ok'] + s.get('fail', 0)} {t0 + load['start']:.4f} {t0 + load['end']:.4f}\")(__import__('datetime').datetime.fromisoformat(d['startedAt']).timestamp(), d['scenarios'][0], [p for p in d['phases'] if p['kind'] != 'warmup'][0])")
  # shellcheck disable=SC2086 # "requests start end"
  local cpu; cpu=$(python3 "$WINDOW" "$OUT/cpu-$name.jsonl" $window --threads tool,target)
  record "$key" "$(json_get "$doc" "round(d['scenarios'][0]['rps'], 2)")" "$(json_get "$doc" "d['scenarios'][0]['latencyMs']['p99']")" "$cpu"
  FAIL[$key]+=" $(json_get "$doc" "d['scenarios'][0].get('fail', 0)")"
  THREADS[$key]+="  round $1: ${cpu#*$'\n'}"$'\n'
  [[ -n "${4:-}" ]] || CLIENT_LINE[$2]=$(grep -m1 "^scenario 'http': client" "$OUT/$name.txt" || echo "(no client line)")
}

ORDER=(wrk); [[ "${HEY:-1}" == 0 ]] || ORDER+=(hey)
for c in "${CLIENTS[@]}"; do for e in "${EVENTPIPE[@]}"; do ORDER+=("loadleak:$c:$e"); done; done
for v in "${!VARIANT_ENV[@]}"; do ORDER+=("loadleak:${CLIENTS[0]}:on:$v"); done
TOOLS=("${ORDER[@]}")
for round in $(seq 1 "$ROUNDS"); do
  for tool in "${ORDER[@]}"; do
    echo "round $round: $tool … (load $(loadavg))"
    if [[ "$tool" == loadleak:* ]]; then IFS=: read -r _ c e v <<<"$tool"; run_loadleak "$round" "$c" "$e" "$v"; else "run_$tool" "$round"; fi
  done
  ORDER=("${ORDER[@]:1}" "${ORDER[0]}")
done

# shellcheck disable=SC2086 # the per-tool lists are space-separated on purpose
m() { median $1; }
est() { python3 -c "import sys; a,b,c,d=map(float,sys.argv[1:]); print(f'{(a+b)/(c+d):.2f}')" "$@"; }
summary() {
echo
printf '%-22s %10s %8s %12s %14s %10s   per round rps\n' tool rps p99_ms tool_µs/req target_µs/req sum_µs/req
for t in "${TOOLS[@]}"; do
  printf '%-22s %10s %8s %12s %14s %10s   %s\n' "$t" "$(m "${RPS[$t]}")" "$(m "${P99[$t]}")" "$(m "${CPU[$t]}")" "$(m "${TCPU[$t]}")" \
    "$(python3 -c "import sys; print(f'{float(sys.argv[1]) + float(sys.argv[2]):.1f}')" "$(m "${CPU[$t]}")" "$(m "${TCPU[$t]}")")" "${RPS[$t]# }"
done
echo "(µs/req: user+sys CPU per request inside the tool's window; target_µs/req is the target's in the same window."
echo " With both on the same cores, rps ≈ cores / sum_µs/req, so (wrk's sum)/(LoadLeak's sum) is LoadLeak's CPU-bound ratio.)"
for c in "${CLIENTS[@]}"; do echo "client: ${CLIENT_LINE[$c]}"; done
for v in "${!VARIANT_ENV[@]}"; do echo "variant $v: ${VARIANT_ENV[$v]}"; done
WRK=wrk
for t in "${TOOLS[@]}"; do
  [[ "$t" == loadleak:* ]] || continue
  echo "$t: failed per round${FAIL[$t]}"
  echo "$t/wrk rps $(ratio "$(m "${RPS[$t]}")" "$(m "${RPS[$WRK]}")") (goal ≥ 1.0, done ≥ 0.95), per round $(paired_ratios "${RPS[$t]}" "${RPS[$WRK]}");" \
       "median of per-round ratios $(median $(paired_ratios "${RPS[$t]}" "${RPS[$WRK]}"))"
  [[ "${HEY:-1}" == 0 ]] || echo "$t/hey rps $(ratio "$(m "${RPS[$t]}")" "$(m "${RPS[hey]}")") (goal ≥ 1.5), per round $(paired_ratios "${RPS[$t]}" "${RPS[hey]}")"
  echo "$t: client CPU/req vs wrk $(ratio "$(m "${CPU[$t]}")" "$(m "${CPU[$WRK]}")") (per round $(paired_ratios "${CPU[$t]}" "${CPU[$WRK]}"));" \
       "target CPU/req vs under wrk $(ratio "$(m "${TCPU[$t]}")" "$(m "${TCPU[$WRK]}")") (per round $(paired_ratios "${TCPU[$t]}" "${TCPU[$WRK]}"));" \
       "CPU-bound estimate $(est "$(m "${CPU[$WRK]}")" "$(m "${TCPU[$WRK]}")" "$(m "${CPU[$t]}")" "$(m "${TCPU[$t]}")")"
done
echo
echo "Per thread, CPU µs per request (tool = LoadLeak, target = the TargetService; thread names as /proc truncates them):"
for t in "${TOOLS[@]}"; do
  [[ -n "${THREADS[$t]:-}" ]] || continue
  echo "$t:"; printf '%s' "${THREADS[$t]}"
done
echo "load average after: $(loadavg)"
}
summary | tee "$OUT/summary.txt"
echo "outputs in $OUT"
