#!/usr/bin/env python3
"""Follows processes' CPU time (user+sys from /proc) until the first one exits.

usage: cpu_watch.py OUT.jsonl LABEL=PID [LABEL=PID ...]
Every 0.1 s one line {"t": epoch, "cpu": {label: seconds}, "user": {label: user seconds}}; every 0.5 s the line also carries
"threads": {label: {"name/tid": seconds}} (cpu_window.py sums the threads of one name, e.g. every ".NET TP Worker").
cpu_window.py reads it back for a time window. Costs a few ms of CPU per second on the box it measures,
the same for every tool of a bench round.
"""
import json
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def ticks(stat_text):
    fields = stat_text.rsplit(")", 1)[1].split()
    return fields[0], (int(fields[11]) + int(fields[12])) / HZ, int(fields[11]) / HZ


def process(pid):
    with open(f"/proc/{pid}/stat") as f:
        return ticks(f.read())


def threads(pid):
    named = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue  # the thread ended between listing and reading
        name = text[text.index("(") + 1:text.rindex(")")]
        named[f"{name}/{tid}"] = ticks(text)[1]
    return named


def main():
    out, pids = sys.argv[1], [arg.split("=", 1) for arg in sys.argv[2:]]
    first = pids[0][1]
    n = 0
    with open(out, "w") as log:
        while True:
            try:
                states = {label: process(pid) for label, pid in pids}
                row = {"t": time.time(), "cpu": {label: round(s[1], 3) for label, s in states.items()},
                       "user": {label: round(s[2], 3) for label, s in states.items()}}
                if n % 5 == 0:
                    row["threads"] = {label: {k: round(v, 3) for k, v in threads(pid).items()} for label, pid in pids}
            except (FileNotFoundError, ProcessLookupError):
                break
            if states[pids[0][0]][0] == "Z" or not os.path.exists(f"/proc/{first}"):
                break
            log.write(json.dumps(row) + "\n")
            log.flush()
            n += 1
            time.sleep(0.1)


if __name__ == "__main__":
    main()
