"""Self time per operator in PyTorch Chrome traces, side by side.

Reads traces written by PyTorch's profiler (reference_benchmark.py --profile, or DJL's JniUtils.stopProfile
through the DjlProfileProbe test tool), computes each event's self time (its duration minus that of the
events nested in it on the same thread) and prints a Markdown table of the operators with the largest self
time, per step, one column per trace.

    /usr/bin/python3 profile_ops.py reference.json djl.json --steps 6 [--top 25]
"""
import argparse
import collections
import json


def self_times(path):
    with open(path) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[(e.get("pid"), e.get("tid"))].append(e)
    totals = collections.Counter()
    for thread_events in by_thread.values():
        thread_events.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, child time]
        for e in thread_events:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= start:
                end, name, child = stack.pop()
                totals[name] -= child
            if stack:
                stack[-1][2] += dur
            totals[e["name"]] += dur
            stack.append([start + dur, e["name"], 0.0])
        while stack:
            end, name, child = stack.pop()
            totals[name] -= child
    return totals


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("traces", nargs="+")
    parser.add_argument("--steps", type=int, default=6, help="training steps each trace recorded")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    tables = [self_times(p) for p in args.traces]
    names = collections.Counter()
    for t in tables:
        names.update({k: v for k, v in t.items() if v > 0})
    print("| operator (self time, ms per step) | " + " | ".join(args.traces) + " |")
    print("| --- |" + " ---: |" * len(tables))
    for name, _ in names.most_common(args.top):
        print(f"| {name} | " + " | ".join(f"{t.get(name, 0) / 1000 / args.steps:.1f}" for t in tables) + " |")
    print("| **all** | " + " | ".join(f"{sum(v for v in t.values() if v > 0) / 1000 / args.steps:.1f}"
                                     for t in tables) + " |")


if __name__ == "__main__":
    main()
