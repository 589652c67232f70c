// GoLeaky is LoadLeak's Go test service: a stdlib-only HTTP service with the classic Go leaks
// (and two look-alikes that allocate as much but retain nothing, or a bounded amount), served
// with net/http/pprof, expvar and, optionally, a hand-written Prometheus /metrics endpoint.
//
// Usage: goleaky -port 0 -mode goroutine|map|ctxhold|pool|bounded|clean [-leak-every N] [-metrics]
//
// It prints "listening 127.0.0.1:<port> mode=<mode>" once the listener is open.
package main

import (
	"context"
	"encoding/json"
	"expvar"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

const benchmarkHeader = "X-Benchmark-ID"

type options struct {
	port           int
	mode           string
	leakEvery      int64
	metrics        bool
	expvar         bool
	pprof          bool
	cap            int
	maxLeaked      int64
	memProfileRate int
}

type queryBody struct {
	Op      string `json:"op"`
	Payload string `json:"payload"`
}

type queryReply struct {
	ID      int64  `json:"id"`
	Op      string `json:"op"`
	Payload string `json:"payload"`
	Mode    string `json:"mode"`
	At      int64  `json:"at"`
}

var (
	requests atomic.Int64
	leaked   atomic.Int64
)

func main() {
	var o options
	flag.IntVar(&o.port, "port", 0, "port on 127.0.0.1 (0: any free port)")
	flag.StringVar(&o.mode, "mode", "clean", "goroutine | map | ctxhold | pool | bounded | clean")
	flag.Int64Var(&o.leakEvery, "leak-every", 1, "1 in N requests leaks")
	flag.BoolVar(&o.metrics, "metrics", false, "serve Prometheus text exposition at /metrics")
	flag.BoolVar(&o.expvar, "expvar", true, "serve expvar at /debug/vars")
	flag.BoolVar(&o.pprof, "pprof", true, "serve net/http/pprof under /debug/pprof/")
	flag.IntVar(&o.cap, "cap", 5000, "entries the bounded mode's cache holds before it evicts")
	flag.Int64Var(&o.maxLeaked, "max-leaked", 2_000_000, "safety net: stop leaking after this many items")
	flag.IntVar(&o.memProfileRate, "memprofilerate", runtime.MemProfileRate,
		"bytes per heap-profile sample (Go's default 512 KiB; lower makes small leaks' estimates steadier)")
	flag.Parse()
	runtime.MemProfileRate = o.memProfileRate

	leak, err := newLeak(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if o.leakEvery < 1 {
		fmt.Fprintln(os.Stderr, "-leak-every must be at least 1")
		os.Exit(2)
	}

	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", o.port))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	server := &http.Server{Handler: routes(o, leak), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("listening %s mode=%s\n", listener.Addr(), o.mode)
	log.Fatal(server.Serve(listener))
}

func routes(o options, leak leakMode) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	})
	mux.Handle("/api/query", leak.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query(w, r, o, leak)
	})))
	if o.pprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	if o.expvar {
		mux.Handle("/debug/vars", expvar.Handler())
	}
	if o.metrics {
		mux.HandleFunc("/metrics", serveMetrics)
	}
	return mux
}

func query(w http.ResponseWriter, r *http.Request, o options, leak leakMode) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var body queryBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "body is not the query JSON: "+err.Error(), http.StatusBadRequest)
		return
	}
	n := requests.Add(1)
	id := r.Header.Get(benchmarkHeader)
	if id != "" {
		w.Header().Set(benchmarkHeader, id)
	}
	key := fmt.Sprintf("%s-%d", id, n)
	reply := queryReply{ID: n, Op: body.Op, Payload: body.Payload, Mode: o.mode, At: time.Now().UnixNano()}

	// Every mode watches the request the same way; only the goroutine leak passes the wrong context.
	results := make(chan error, 1)
	watchCtx := r.Context()
	leaks := n%o.leakEvery == 0 && leaked.Load() < o.maxLeaked
	if leaks && leak.leaksGoroutines() {
		watchCtx = context.Background()
	}
	go watcher(watchCtx, key, results)

	w.Header().Set("Content-Type", "application/json")
	w.Write(leak.handle(key, reply, leaks))
}
