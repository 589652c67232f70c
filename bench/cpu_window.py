#!/usr/bin/env python3
"""CPU per request inside a time window, from a cpu_watch.py trace.

usage: cpu_window.py TRACE.jsonl REQUESTS [START END] [--threads LABEL[,LABEL]]
Prints one line "label=µs ..." (CPU µs per request of each followed process between START and END, epoch
seconds, interpolated between samples; default: the whole trace), then "user: label=µs ..." (user mode only), and with --threads one line per label
"label threads: name µs, ..." (each thread name's CPU µs per request over the 0.5 s snapshots inside the window,
largest first, names under 0.2 µs summed as "other").
"""
import argparse
import json


def load(path):
    return [json.loads(line) for line in open(path) if line.strip()]


def at(rows, t, label, kind="cpu"):
    """The process's CPU seconds (kind "user": user mode only) at time t, linear between the two samples around it."""
    for a, b in zip(rows, rows[1:]):
        if a["t"] <= t <= b["t"]:
            x, y = a[kind][label], b[kind][label]
            return x + (y - x) * ((t - a["t"]) / (b["t"] - a["t"]) if b["t"] > a["t"] else 0)
    return rows[0][kind][label] if t < rows[0]["t"] else rows[-1][kind][label]


def thread_split(rows, label, start, end, requests):
    snaps = [r for r in rows if "threads" in r and start <= r["t"] <= end]
    if len(snaps) < 2 or requests <= 0:
        return "n/a"
    first, last = snaps[0]["threads"][label], snaps[-1]["threads"][label]
    # the snapshots span a little less than the window: scale to it, so the parts add up to the process's figure
    scale = (end - start) / (snaps[-1]["t"] - snaps[0]["t"])
    # per thread (a thread started inside the window counts from 0; one that ended inside it is lost), then by name
    parts = {}
    for key, seconds in last.items():
        name = key.rsplit("/", 1)[0]
        parts[name] = parts.get(name, 0.0) + (seconds - first.get(key, 0.0)) * scale * 1e6 / requests
    shown = sorted(((v, k) for k, v in parts.items() if v >= 0.2), reverse=True)
    other = sum(v for v in parts.values() if v < 0.2)
    text = ", ".join(f"{k} {v:.1f}" for v, k in shown)
    return text + (f", other {other:.1f}" if other > 0.05 else "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("trace")
    parser.add_argument("requests", type=float)
    parser.add_argument("window", type=float, nargs="*")
    parser.add_argument("--threads", default="")
    args = parser.parse_args()
    rows = load(args.trace)
    start, end = (args.window[0], args.window[1]) if len(args.window) == 2 else (rows[0]["t"], rows[-1]["t"])
    labels = list(rows[0]["cpu"])
    print(" ".join(f"{label}={(at(rows, end, label) - at(rows, start, label)) * 1e6 / args.requests:.2f}" if args.requests > 0
                   else f"{label}=nan" for label in labels))
    if "user" in rows[0] and args.requests > 0:
        # user mode alone: the managed work per request, without the kernel's TCP share that dominates user+sys
        print("user: " + " ".join(f"{label}={(at(rows, end, label, 'user') - at(rows, start, label, 'user')) * 1e6 / args.requests:.2f}"
                                  for label in labels))
    for label in filter(None, args.threads.split(",")):
        print(f"{label} threads: {thread_split(rows, label, start, end, args.requests)}")


if __name__ == "__main__":
    main()
