#!/usr/bin/env python3
"""Groups a perf report's self samples (`perf report --no-children --sort dso,sym -g none --stdio`, one thread name)
by cause: the kernel, the async machinery, response parsing, socket wrappers, latency recording, … (the regexes below).

usage: perf_groups.py REPORT.txt
"""
import collections
import re
import sys

GROUPS = [
    ("kernel (TCP/IP, wake-ups, scheduling)", lambda d, s: "kernel" in d),
    ("response parsing", lambda d, s: re.search(r"HttpResponseParser|LineAssembler|HttpResponseHead|SpanHelpers|Ascii|Utf8Parser", s)),
    ("latency histograms", lambda d, s: "HdrHistogram" in s),
    ("engine counts and tallies", lambda d, s: re.search(r"ScenarioMetrics|AtomicCounts|BoundedTally|PhaseMeter|ConcurrentDictionary|StepTable", s)),
    ("socket wrappers (Socket, SocketPal, libc send/recv)", lambda d, s: re.search(
        r"System.Net.Sockets|SafeHandle|SafeSocket|__send|recv|asynccancel", s) or "libSystem.Native" in d or "Sockets.dll" in d),
    ("epoll loop and readiness", lambda d, s: re.search(r"EpollLoop|EpollNative|SocketReadiness|ReadinessSignal|epoll_wait", s)),
    ("cancellation tokens", lambda d, s: re.search(r"Cancellation", s)),
    ("async state machines (with their inlined bodies)", lambda d, s: re.search(
        r"MoveNext|MethodBuilder|ExecutionContext|Task::|Task`1|ValueTask|ValueTaskSourceCore|TaskContinuation|StateMachineBox|ThreadPool", s)),
    ("clock", lambda d, s: re.search(r"clock_gettime|Stopwatch|RunClock", s) or "vdso" in d),
    ("runtime (coreclr, casts, stubs, memset)", lambda d, s: "coreclr" in d or re.search(r"CastHelpers|stub|memset|memmove|JIT_", s)),
]

totals = collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"\s+([\d.]+)%\s+(\S.*?)\s{2,}\[.\]\s+(.*)", line)
    if not m:
        continue
    share, dso, sym = float(m.group(1)), m.group(2), m.group(3)
    totals[next((name for name, match in GROUPS if match(dso, sym)), "other")] += share
for name, share in totals.most_common():
    print(f"  {share:6.2f} %  {name}")
