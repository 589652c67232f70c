package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
)

// serveMetrics writes the Prometheus text exposition (0.0.4) by hand, under the names the Go
// client's Go and process collectors use, so LoadLeak's reader is tested on the real shape.
func serveMetrics(w http.ResponseWriter, _ *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	var b bytes.Buffer
	gauge(&b, "go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
	gauge(&b, "go_threads", "Number of OS threads created.", float64(pprof.Lookup("threadcreate").Count()))
	gcSummary(&b, &m)
	fmt.Fprintf(&b, "# HELP go_info Information about the Go environment.\n# TYPE go_info gauge\ngo_info{version=%q} 1\n",
		runtime.Version())
	gauge(&b, "go_memstats_heap_alloc_bytes", "Number of heap bytes allocated and still in use.", float64(m.HeapAlloc))
	gauge(&b, "go_memstats_heap_inuse_bytes", "Number of heap bytes that are in use.", float64(m.HeapInuse))
	gauge(&b, "go_memstats_stack_inuse_bytes", "Number of bytes in use by the stack allocator.", float64(m.StackInuse))
	counter(&b, "go_memstats_alloc_bytes_total", "Total number of bytes allocated, even if freed.", float64(m.TotalAlloc))
	gauge(&b, "go_memstats_sys_bytes", "Number of bytes obtained from system.", float64(m.Sys))
	if cpu, rss, ok := procStat(); ok {
		counter(&b, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", cpu)
		gauge(&b, "process_resident_memory_bytes", "Resident memory size in bytes.", rss)
	}
	if entries, err := os.ReadDir("/proc/self/fd"); err == nil {
		gauge(&b, "process_open_fds", "Number of open file descriptors.", float64(len(entries)))
	}
	counter(&b, "goleaky_requests_total", "Query requests served.", float64(requests.Load()))
	gauge(&b, "goleaky_leaked_items", "Items the mode has leaked so far.", float64(leaked.Load()))
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write(b.Bytes())
}

func gauge(b *bytes.Buffer, name, help string, v float64) { sample(b, name, help, "gauge", v) }

func counter(b *bytes.Buffer, name, help string, v float64) { sample(b, name, help, "counter", v) }

func sample(b *bytes.Buffer, name, help, kind string, v float64) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s %s\n%s %s\n", name, help, name, kind, name, format(v))
}

func format(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// gcSummary is go_gc_duration_seconds as the Go client shapes it: quantiles of recent pauses.
func gcSummary(b *bytes.Buffer, m *runtime.MemStats) {
	n := int(m.NumGC)
	if n > len(m.PauseNs) {
		n = len(m.PauseNs)
	}
	pauses := make([]float64, 0, n)
	for i := 0; i < n; i++ {
		pauses = append(pauses, float64(m.PauseNs[i])/1e9)
	}
	sort.Float64s(pauses)
	b.WriteString("# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.\n")
	b.WriteString("# TYPE go_gc_duration_seconds summary\n")
	for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
		v := 0.0
		if len(pauses) > 0 {
			v = pauses[int(q*float64(len(pauses)-1))]
		}
		fmt.Fprintf(b, "go_gc_duration_seconds{quantile=\"%s\"} %s\n", format(q), format(v))
	}
	fmt.Fprintf(b, "go_gc_duration_seconds_sum %s\ngo_gc_duration_seconds_count %d\n",
		format(float64(m.PauseTotalNs)/1e9), m.NumGC)
}

// procStat reads CPU seconds (utime+stime) and RSS from /proc/self/stat, as the process collector does.
func procStat() (cpu, rss float64, ok bool) {
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, 0, false
	}
	text := string(raw)
	fields := strings.Fields(text[strings.LastIndexByte(text, ')')+2:])
	if len(fields) < 22 {
		return 0, 0, false
	}
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	pages, _ := strconv.ParseFloat(fields[21], 64)
	return (utime + stime) / 100, pages * float64(os.Getpagesize()), true
}
