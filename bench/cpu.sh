#!/usr/bin/env bash
# CPU time per request: LoadLeak's engine alone (a no-op scenario), the engine + HTTP scenario, and wrk,
# against the same target. CPU time (user+sys of the client process over the measured window) is
# steadier on this shared box than throughput. The LoadLeak figures come from bench/cpu (the engine
# and scenario in-process, no correlator), read at every 1 s interval after warm-up + 1.5 s.
# Usage: bench/cpu.sh [COPIES=64] [SECONDS=10] [ROUNDS=2]
#   env: LL_ENV="VAR=value ..." for the LoadLeak runs; VARIANTS="A=1;B=2 C=3" runs the HTTP measurement once per
#   variant (extra environment; a leading "dll=PATH" runs another build of bench/cpu;
#   LL_SOCKET_COMPLETIONS=inline|threadpool overrides the HTTP scenario's "auto"; LL_HTTP_CLIENT=httpclient picks
#   SocketsHttpHandler instead of the raw client "auto" picks) per round; SKIP_NOOP=1 skips the no-op run; SKIP_BUILD=1
source "$(dirname "$0")/common.sh"
need wrk curl
C=${1:-64}; D=${2:-10}; ROUNDS=${3:-2}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  build
  dotnet build "$ROOT/bench/cpu" -c Release -m:1 -v q -nologo >"$OUT/build-cpu.log" 2>&1 \
    || { echo "bench/cpu build failed; see $OUT/build-cpu.log" >&2; exit 4; }
fi
CPU_DLL="$ROOT/bench/cpu/bin/Release/net10.0/LoadLeak.Bench.Cpu.dll"
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
header "CPU per request, $C copies/connections, ${D}s, $ROUNDS round(s); LL_ENV='${LL_ENV:-}'"
write_post_lua
wrk -t2 -c"$C" -d3s -s "$OUT/post.lua" "$URL" >/dev/null

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round (load $(loadavg))"
  if [[ "${SKIP_NOOP:-0}" != 1 ]]; then
    env ${LL_ENV:-} dotnet "$CPU_DLL" noop "$C" "$D" 3 >"$OUT/noop-$round.txt"
    echo "  engine, no-op scenario: $(tail -1 "$OUT/noop-$round.txt")"
  fi
  IFS=';' read -ra variants <<<"${VARIANTS:-}"
  [[ ${#variants[@]} -gt 0 ]] || variants=("")
  for i in "${!variants[@]}"; do
    dll=$CPU_DLL; extra=${variants[$i]}
    if [[ "$extra" =~ ^dll=([^ ]+)\ ?(.*)$ ]]; then dll=${BASH_REMATCH[1]}; extra=${BASH_REMATCH[2]}; fi
    env ${LL_ENV:-} $extra dotnet "$dll" "$URL" "$C" "$D" 5 >"$OUT/http-$round-$i.txt"
    echo "  engine + HTTP ${variants[$i]:+(${variants[$i]}) }: $(tail -1 "$OUT/http-$round-$i.txt")"
  done
  # wrk: its whole process (it has no warm-up to exclude); CPU from /proc of the finished child via time(1)
  /usr/bin/time -f '%U %S' -o "$OUT/wrk-time-$round.txt" wrk -t2 -c"$C" -d"${D}s" -s "$OUT/post.lua" "$URL" >"$OUT/wrk-$round.txt"
  requests=$(awk '/requests in/ {print $1}' "$OUT/wrk-$round.txt")
  read -r user sys <"$OUT/wrk-time-$round.txt"
  echo "  wrk: $requests requests, $(awk -v u="$user" -v s="$sys" -v n="$requests" -v d="$D" \
    'BEGIN {printf "%.0f/s, %.2f µs CPU/request, %.2f cores", n/d, (u+s)*1e6/n, (u+s)/d}')"
  # the target's CPU per request over this round would need its own window; see overhead.sh
done
if [[ "${PERF:-0}" == 1 ]] && command -v perf >/dev/null; then
  # One more HTTP run under perf (software clock: no hardware counters here), 6 s from the end of the warm-up + 2 s.
  env ${LL_ENV:-} DOTNET_PerfMapEnabled=1 dotnet "$CPU_DLL" "$URL" "$C" "$D" 5 >"$OUT/http-perf.txt" &
  pid=$!; sleep 8
  perf record -q -e cpu-clock -g -p "$pid" -o "$OUT/perf.data" -- sleep 6 >/dev/null 2>&1 || true
  wait "$pid" || true
  perf report -i "$OUT/perf.data" --no-children --sort dso,sym --percent-limit 0.4 --stdio 2>/dev/null |
    grep -v '^$' | grep -E '^ +[0-9]' >"$OUT/perf-top.txt" || true
  perf report -i "$OUT/perf.data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' >"$OUT/perf-dso.txt" || true
  echo "perf: $OUT/perf-top.txt, $OUT/perf-dso.txt"
fi
echo "load average after: $(loadavg)"
echo "outputs in $OUT"
