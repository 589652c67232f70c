# Shared helpers for the peer benchmarks. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/$(basename "$0" .sh)-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

need() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "missing $tool: apt-get install -y $(apt_name "$tool")" >&2; exit 2
    fi
  done
}
apt_name() { case "$1" in h2load) echo nghttp2-client;; *) echo "$1";; esac; }

# Serial build (-m:1): the machine has 2 shared cores. SKIP_BUILD=1 reuses the existing binaries.
build() {
  [[ "${SKIP_BUILD:-0}" == 1 ]] && return 0
  (cd "$ROOT" && dotnet build LoadLeak.sln -c Release -m:1 -v q -nologo >"$OUT/build.log" 2>&1) \
    || { echo "build failed; see $OUT/build.log" >&2; exit 4; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Every background process we start is killed (by pid) on exit, whatever way the script ends.
CHILDREN=()
cleanup() { for pid in "${CHILDREN[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

TARGET_PID=""
start_target() { # start_target HTTP_PORT GRPC_PORT [extra args...]
  local http=$1 grpc=$2; shift 2
  dotnet "$ROOT/samples/TargetService/bin/Release/net10.0/TargetService.dll" --port "$http" --grpc-port "$grpc" "$@" \
    >"$OUT/target.log" 2>&1 &
  TARGET_PID=$!
  CHILDREN+=("$TARGET_PID")
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$http/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$TARGET_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "target did not become ready; see $OUT/target.log" >&2; exit 3
}

KAFKA_PID=""; KAFKA_BOOTSTRAP=""
start_kafka() { # the embedded broker, standalone: `loadleak kafka`
  # dotnet directly, not the loadleak function: $! must be the broker itself, not a subshell
  dotnet "$LOADLEAK_DLL" kafka >"$OUT/kafka.log" 2>&1 &
  KAFKA_PID=$!
  CHILDREN+=("$KAFKA_PID")
  for _ in $(seq 1 150); do
    KAFKA_BOOTSTRAP=$(sed -n 's/.*bootstrap\.servers=\([^ ]*\).*/\1/p' "$OUT/kafka.log" | head -1)
    [[ -n "$KAFKA_BOOTSTRAP" ]] && return 0
    kill -0 "$KAFKA_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "embedded Kafka did not start; see $OUT/kafka.log" >&2; exit 3
}

LOADLEAK_DLL="${LOADLEAK_DLL:-$ROOT/src/Runner/bin/Release/net10.0/LoadLeak.Runner.dll}" # another build for A/B runs
loadleak() { dotnet "$LOADLEAK_DLL" "$@"; }

# loadleak_run CONFIG NAME — attach to the target, run the config; run.json lands in $OUT/NAME.
loadleak_run() {
  loadleak run --config "$1" --target-pid "$TARGET_PID" --out "$OUT/$2" >"$OUT/$2.txt" 2>&1 || true
  [[ -f "$OUT/$2/run.json" ]] || { echo "loadleak wrote no run.json; see $OUT/$2.txt" >&2; tail -20 "$OUT/$2.txt" >&2; exit 5; }
}

# hms SECONDS — the config's duration format
hms() { printf '%02d:%02d:%02d' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }

# json_get FILE PYTHON_EXPR — read a figure out of run.json (the document is `d`)
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

ratio() { python3 -c "import sys; a=float(sys.argv[1] or 0); b=float(sys.argv[2] or 0); print(f'{a/b:.2f}' if b else 'n/a')" "$1" "$2"; }

median() { python3 -c "import statistics,sys; print(f'{statistics.median(map(float, sys.argv[1:])):.3f}')" "$@"; }

# wrk's latency with unit (850.00us, 1.20ms, 1.05s) → milliseconds
wrk_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub("us","",v); v/=1000 } else if (v ~ /ms$/) { sub("ms","",v) } else if (v ~ /s$/) { sub("s","",v); v*=1000 }
    printf "%.2f", v }'
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

header() {
  echo "== $1"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host cores: $(nproc)  load average (1/5/15 min): $(loadavg)"
}

# paired_ratios "A1 A2 …" "B1 B2 …" — per-round A/B (the tools of one round ran minutes apart at most)
paired_ratios() {
  python3 -c "import sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print(' '.join(f'{float(x)/float(y):.2f}' for x, y in zip(a, b)))" \
    "$1" "$2"
}

# write_post_lua [BODY] [BENCHMARK_ID] — $OUT/post.lua: wrk posting the request template (as LoadLeak sends it)
write_post_lua() {
  local body=${1:-'{"op":"query","payload":"a1b2c3"}'} id=${2:-bench}
  cat >"$OUT/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Benchmark-ID"] = "$id"
LUA
}

# proc_cpu PID — the process's CPU time so far (user+sys seconds) from /proc
proc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# wrk_cpu_rps NAME URL PID — wrk posting $OUT/post.lua to URL ($C connections, $D seconds) into $OUT/NAME.txt;
# prints the rps and writes the CPU µs per request of process PID (/proc) to $OUT/NAME.cpu
wrk_cpu_rps() {
  local before; before=$(proc_cpu "$3")
  wrk -t2 -c"$C" -d"${D}s" -s "$OUT/post.lua" "$2" >"$OUT/$1.txt"
  local after; after=$(proc_cpu "$3")
  local requests; requests=$(awk '/requests in/ {print $1}' "$OUT/$1.txt")
  python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1e6 / int(sys.argv[3]):.1f}')" \
    "$before" "$after" "$requests" >"$OUT/$1.cpu"
  awk '/Requests\/sec/ {print $2}' "$OUT/$1.txt"
}

# thread_cpu PID NAME — CPU seconds (user+sys) of the process's threads called NAME (as /proc/PID/task/*/comm has it)
thread_cpu() {
  local hz; hz=$(getconf CLK_TCK)
  for task in /proc/"$1"/task/*; do
    if [[ "$(cat "$task/comm" 2>/dev/null)" == "$2" ]]; then
      awk -v hz="$hz" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "$task/stat" 2>/dev/null || true
    fi
  done | awk '{ s += $1 } END { printf "%.2f", s + 0 }'
}

# warm_until_jitted PID ROUNDS COMMAND… — run COMMAND (a short load) until the target's tiered JIT thread is idle
# (under 20 ms of CPU during one run), at most ROUNDS times: a 3 s warm-up leaves a busy box still compiling
# through the next tool's run, which then pays for it.
warm_until_jitted() {
  local pid=$1 max=$2; shift 2
  local before after i
  for i in $(seq 1 "$max"); do
    before=$(thread_cpu "$pid" ".NET Tiered Com")
    "$@" >/dev/null
    after=$(thread_cpu "$pid" ".NET Tiered Com")
    if python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) < 0.02 else 1)" "$before" "$after"; then
      echo "target warmed up: its JIT thread was idle during warm-up run $i"; return 0
    fi
  done
  echo "target still compiling after $max warm-up runs (JIT thread $before → $after s)"
}
