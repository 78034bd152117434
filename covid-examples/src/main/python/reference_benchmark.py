#!/usr/bin/python3
"""PyTorch reference for EngineBenchmark: the identical network on the identical images.

Run with Debian's PyTorch (apt-get install python3-torch), after EngineBenchmark wrote the tensors:

    java -cp ... org.covidxray.examples.bench.EngineBenchmark --dump-tensors /tmp/bench.f32
    OMP_NUM_THREADS=2 /usr/bin/python3 covid-examples/src/main/python/reference_benchmark.py /tmp/bench.f32

The network is org.covidxray.engine.Architecture.defaultCnn: per width w in (16, 32, 64, 128):
conv 3x3 pad 1 no bias, batch norm (eps 1e-5, momentum 0.1), ReLU, max-pool 2; then global average
pooling, dropout 0.3, dense with bias; He normal conv, Xavier uniform dense, zero bias; Adam 1e-3;
cross entropy. The measurements and the printed table follow EngineBenchmark's.
"""
import argparse
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn

WIDTHS = (16, 32, 64, 128)


def network(channels, classes, dropout=0.3):
    layers = []
    cin = channels
    for w in WIDTHS:
        conv = nn.Conv2d(cin, w, 3, stride=1, padding=1, bias=False)
        nn.init.kaiming_normal_(conv.weight, mode="fan_in", nonlinearity="relu")
        layers += [conv, nn.BatchNorm2d(w, eps=1e-5, momentum=0.1), nn.ReLU(), nn.MaxPool2d(2, 2)]
        cin = w
    dense = nn.Linear(cin, classes, bias=True)
    nn.init.xavier_uniform_(dense.weight)
    nn.init.zeros_(dense.bias)
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout), dense]
    return nn.Sequential(*layers)


def read(path):
    with open(path, "rb") as f:
        count, channels, size = struct.unpack("<iii", f.read(12))
        images = np.frombuffer(f.read(count * channels * size * size * 4), dtype="<f4")
        labels = np.frombuffer(f.read(count * 4), dtype="<i4")
    return (torch.from_numpy(images.copy()).view(count, channels, size, size),
            torch.from_numpy(labels.astype(np.int64)))


def rss_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("tensors")
    parser.add_argument("--batch-size", "--batch", dest="batch", type=int, default=32)
    parser.add_argument("--train-steps", type=int, default=30)
    parser.add_argument("--warmup-steps", type=int, default=3, help="untimed training steps before the timed ones")
    parser.add_argument("--latency-runs", type=int, default=300)
    parser.add_argument("--predictions", type=int, default=5000)
    parser.add_argument("--result-json", help="also write the numbers in EngineBenchmarkResult's JSON fields")
    parser.add_argument("--profile", metavar="TRACE",
                        help="after the timed steps, record 6 more training steps with PyTorch's profiler into this "
                             "Chrome trace (compare with DjlProfileProbe's using profile_ops.py)")
    args = parser.parse_args()
    threads = int(os.environ.get("OMP_NUM_THREADS", os.cpu_count()))
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    rss_start = rss_kb("VmRSS")
    images, labels = read(args.tensors)
    n, channels, size, _ = images.shape
    model = network(channels, 2)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    b = args.batch

    def batch(step):
        idx = [(step * b + i) % n for i in range(b)]
        return images[idx], labels[idx]

    def train_step(step):
        x, y = batch(step)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    model.train()
    for s in range(args.warmup_steps):
        train_step(s)
    t0 = time.perf_counter()
    for s in range(args.train_steps):
        train_step(s + args.warmup_steps)
    train_rate = args.train_steps * b / (time.perf_counter() - t0)
    if args.profile:
        with torch.autograd.profiler.profile() as prof:
            for s in range(6):
                train_step(s)
        prof.export_chrome_trace(args.profile)

    model.eval()
    engine = f"PyTorch {torch.__version__} (cpu, {threads} threads)"
    data = f"{n} Kermany images, {size} px, batch {b}, cnn4, {args.warmup_steps} warm-up steps"
    rows = [f"engine            {engine}",
            f"data              {data}",
            f"train img/s       {train_rate:.1f}  ({args.train_steps} steps)"]
    with torch.no_grad():
        for i in range(20):
            torch.softmax(model(images[i % n:i % n + 1]), 1)
        lat = []
        for i in range(args.latency_runs):
            s = time.perf_counter()
            torch.softmax(model(images[i % n:i % n + 1]), 1).numpy()
            lat.append((time.perf_counter() - s) * 1000)
        lat.sort()

        def pct(q):
            return lat[min(len(lat) - 1, round(q * (len(lat) - 1)))]

        p50, p95 = pct(0.5), pct(0.95)
        rows.append(f"batch-1 latency   p50 {p50:.2f} ms, p95 {p95:.2f} ms")
        batches = max(1, n // b)
        torch.softmax(model(images[0:b]), 1)
        t0 = time.perf_counter()
        for i in range(batches):
            torch.softmax(model(images[i * b:(i + 1) * b]), 1).numpy()
        batch_rate = batches * b / (time.perf_counter() - t0)
        rows.append(f"batch-{b} img/s    {batch_rate:.1f}")
        before = rss_kb("VmRSS")
        for i in range(args.predictions):
            torch.softmax(model(images[i % n:i % n + 1]), 1).numpy()
        after = rss_kb("VmRSS")
    rows.append(f"RSS               start {rss_start // 1024} MB, before {args.predictions} predictions "
                f"{before // 1024} MB, after {after // 1024} MB")
    peak = rss_kb('VmHWM') // 1024
    rows.append(f"peak RSS (VmHWM)  {peak} MB")
    print("\n".join(rows))
    if args.result_json:
        # the fields of org.covidxray.examples.common.EngineBenchmarkResult; null = not measured
        result = {"engine": engine, "data": data, "trainSteps": args.train_steps, "trainImagesPerSecond": train_rate,
                  "rssAfterTrainingMb": None, "peakAfterTrainingMb": None, "latencyP50Ms": p50, "latencyP95Ms": p95,
                  "batchSize": b, "batchImagesPerSecond": batch_rate, "rssStartMb": rss_start // 1024,
                  "rssBeforeMb": before // 1024, "rssAfterMb": after // 1024, "predictions": args.predictions,
                  "rssCheckpointsMb": [], "peakRssMb": peak}
        with open(args.result_json, "w") as out:
            json.dump(result, out, indent=2)


if __name__ == "__main__":
    main()
