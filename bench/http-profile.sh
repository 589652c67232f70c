#!/usr/bin/env bash
# Where `loadleak run`'s CPU goes under bench/http.sh's HTTP load: perf (software clock, call graphs, .NET frames
# through DOTNET_PerfMapEnabled) on the runner, sampled inside its load phase, and optionally the syscalls it makes
# per request (STRACE=1: strace -c -f over the same window; strace slows the runner, so its rps is not a figure).
# Usage: bench/http-profile.sh [CONNECTIONS=100] [SECONDS=14] [PERF_SECONDS=6]
#   env: LL_ARGS="--no-eventpipe …" extra run flags; LL_ENV="VAR=value …"; STRACE=1; SKIP_BUILD=1; LOADLEAK_DLL=<build>
#   .NET frames need DOTNET_PerfMapEnabled=1 (set here) and, for perf to see the JIT'd code, W^X off:
#   LL_ENV="DOTNET_EnableWriteXorExecute=0" (it changes the code's placement, not what runs).
source "$(dirname "$0")/common.sh"
need wrk curl python3 perf
C=${1:-100}; D=${2:-14}; PS=${3:-6}
build
HTTP=$(free_port); GRPC=$(free_port)
start_target "$HTTP" "$GRPC"
URL="http://127.0.0.1:$HTTP/api/query"
header "perf of loadleak run: HTTP POST, $C connections, ${D}s load after a 5 s warm-up; LL_ARGS='${LL_ARGS:-}' LL_ENV='${LL_ENV:-}'"
write_post_lua
warm_until_jitted "$TARGET_PID" 10 wrk -t2 -c"$C" -d2s -s "$OUT/post.lua" "$URL"
python3 - "$ROOT/nbomber-config.json" "$OUT/config.json" "$URL" "$C" "$D" <<'PY'
import json, sys
source, out, url, c, d = sys.argv[1:]
http = next(s for s in json.load(open(source))["GlobalSettings"]["ScenariosSettings"] if s["ScenarioName"] == "http")
settings = dict(http["CustomSettings"], Url=url, BenchmarkId="bench", MaxConnections=int(c))
json.dump({"TestName": "bench-http-profile", "TargetScenarios": ["http"],
           "GlobalSettings": {"ScenariosSettings": [{"ScenarioName": "http", "WarmUpDuration": "00:00:05",
               "LoadSimulationsSettings": [{"KeepConstant": [int(c), f"00:00:{int(d):02}"]}], "CustomSettings": settings}]},
           "LoadLeak": {"RetainedGc": "none"}}, open(out, "w"), indent=1)
PY
# shellcheck disable=SC2086 # the lists are word-split on purpose
env ${LL_ENV:-} DOTNET_PerfMapEnabled=1 dotnet "$LOADLEAK_DLL" run --config "$OUT/config.json" --target-pid "$TARGET_PID" \
  --out "$OUT/run" ${LL_ARGS:-} >"$OUT/run.txt" 2>&1 &
pid=$!
CHILDREN+=("$pid")
sleep 9 # start-up, attach and the 5 s warm-up
if [[ "${STRACE:-0}" == 1 ]]; then
  timeout -s INT "$PS" strace -c -f -p "$pid" -o "$OUT/strace.txt" || true
else
  perf record -q -e cpu-clock -F 999 -g -p "$pid" -o "$OUT/perf.data" -- sleep "$PS" >/dev/null 2>&1 || true
fi
wait "$pid" || true
json_get "$OUT/run/run.json" "f\"{d['scenarios'][0]['rps']:.0f} rps, fail {d['scenarios'][0].get('fail', 0)}\""
if [[ "${STRACE:-0}" == 1 ]]; then head -25 "$OUT/strace.txt"; else
  perf report -i "$OUT/perf.data" --no-children --sort sym --percent-limit 0.3 --stdio 2>/dev/null |
    grep -E '^ +[0-9]' >"$OUT/perf-self.txt" || true
  perf report -i "$OUT/perf.data" --no-children --sort comm,dso --stdio 2>/dev/null | grep -E '^ +[0-9]' >"$OUT/perf-dso.txt" || true
  perf report -i "$OUT/perf.data" --children --sort sym --percent-limit 1 --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9]' >"$OUT/perf-children.txt" || true
  perf report -i "$OUT/perf.data" --comm loadleak-raw-ht --no-children --sort dso,sym -g none --stdio 2>/dev/null |
    grep -E '^ +[0-9]' >"$OUT/perf-raw-ht.txt" || true
  echo "the raw client's threads (loadleak-raw-ht), self samples by cause:"
  python3 "$ROOT/bench/perf_groups.py" "$OUT/perf-raw-ht.txt"
  echo "perf: $OUT/perf-self.txt (self), $OUT/perf-children.txt (inclusive), $OUT/perf-dso.txt"
fi
echo "outputs in $OUT"
