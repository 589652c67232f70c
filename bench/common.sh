# Shared helpers for the peer benchmarks. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

need() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null; then
      echo "missing $tool: apt-get install -y $(apt_name "$tool")" >&2; exit 2
    fi
  done
}
apt_name() { case "$1" in h2load) echo nghttp2-client;; *) echo "$1";; esac; }

build() { (cd "$ROOT" && dotnet build LoadLeak.sln -c Release -v q -nologo >/dev/null); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

TARGET_PID=""
start_target() { # start_target HTTP_PORT GRPC_PORT [extra args...]
  local http=$1 grpc=$2; shift 2
  dotnet "$ROOT/samples/TargetService/bin/Release/net10.0/TargetService.dll" --port "$http" --grpc-port "$grpc" "$@" \
    >"$OUT/target.log" 2>&1 &
  TARGET_PID=$!
  trap 'kill $TARGET_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$http/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "target did not become ready; see $OUT/target.log" >&2; exit 3
}

loadleak() { dotnet "$ROOT/src/Runner/bin/Release/net10.0/loadleak.dll" "$@"; }

# json_get FILE PYTHON_EXPR — read a figure out of run.json
json_get() { python3 -c "import json,sys; d=json.load(open('$1')); print($2)"; }

ratio() { python3 -c "a=float('$1'); b=float('$2'); print(f'{a/b:.2f}' if b else 'n/a')"; }
