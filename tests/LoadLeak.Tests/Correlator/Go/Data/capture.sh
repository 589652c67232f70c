#!/usr/bin/env bash
# Re-captures the Go readers' test data from the GoLeaky fixture (tests/Fixtures/GoLeaky): real outputs of
# Go 1.19's net/http/pprof, expvar and the fixture's /metrics. Needs go and hey. Run from this folder.
set -euo pipefail
here=$(pwd)
bin=$(mktemp -d)/goleaky
(cd ../../../Fixtures/GoLeaky && go build -o "$bin" .)
body='{"op":"query","payload":"a1b2c3"}'

start() { # mode -> sets pid, url
  "$bin" -port 0 -mode "$1" -metrics > "$bin.out" &
  pid=$!
  for _ in $(seq 50); do grep -q listening "$bin.out" 2>/dev/null && break; sleep 0.1; done
  url="http://$(sed -n 's/listening \([^ ]*\).*/\1/p' "$bin.out")"
}
load() { hey -n "$1" -c 8 -m POST -H 'X-Benchmark-ID: capture' -d "$body" "$url/api/query" > /dev/null; }
snap() { # name
  curl -s "$url/debug/pprof/goroutine?debug=1" > "$here/goroutine-$1.txt"
  curl -s "$url/debug/pprof/heap?gc=1" > "$here/heap-$1.pb.gz"
}

for mode in goroutine map; do
  start $mode
  snap "$mode-baseline"
  load 20000 & loader=$!
  sleep 1
  snap "$mode-peak"
  wait $loader
  sleep 1
  snap "$mode-after"
  if [ $mode = goroutine ]; then
    curl -s "$url/debug/pprof/" > "$here/pprof-index.html"
    curl -s "$url/debug/vars" > "$here/vars.json"
    curl -s "$url/debug/pprof/heap?debug=1" > "$here/heap-debug1.txt"
    curl -s "$url/metrics" > "$here/metrics.txt"
  fi
  kill $pid
done
for mode in pool ctxhold; do
  start $mode; load 20000; curl -s "$url/debug/pprof/heap?gc=1" > "$here/heap-$mode-after.pb.gz"; kill $pid
done
rm -rf "$(dirname "$bin")"
