#!/usr/bin/python3
"""Single PyTorch operators, forward + backward, timed as covid-djl's DjlOpProbe times them through DJL.

The activation shapes of the network's first two blocks at batch 32; each backward pass gets a fresh
gradient of ones, as DJL's GradientCollector.backward makes. Prints a Markdown row per operator: the
median milliseconds over the repeats. Run with Debian's PyTorch in the launcher's environment:

    OMP_NUM_THREADS=2 /usr/bin/python3 covid-examples/src/main/python/op_probe.py [size=224] [batch=32] [repeats=10]
"""
import os
import sys
import time

import torch
import torch.nn.functional as F


def timed(name, tensor, input_grad, op, repeats):
    ms = []
    for r in range(-3, repeats):
        x = tensor.clone()
        x.requires_grad_(input_grad)
        start = time.perf_counter()
        y = op(x)
        y.backward(torch.ones_like(y))
        if r >= 0:
            ms.append((time.perf_counter() - start) * 1000)
    ms.sort()
    print(f"| {name} | {ms[repeats // 2]:.1f} |")


def strided_max(x):
    h, w = x.shape[2] // 2 * 2, x.shape[3] // 2 * 2
    rows = torch.maximum(x[:, :, 0:h:2], x[:, :, 1:h:2])
    return torch.maximum(rows[:, :, :, 0:w:2], rows[:, :, :, 1:w:2])


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 224
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count())))
    torch.manual_seed(1)
    image = torch.randn(batch, 1, size, size)
    act16 = torch.randn(batch, 16, size, size)
    act16half = torch.randn(batch, 16, size // 2, size // 2)
    w1 = torch.randn(16, 1, 3, 3, requires_grad=True)
    w2 = torch.randn(32, 16, 3, 3, requires_grad=True)
    gamma = torch.ones(16, requires_grad=True)
    beta = torch.zeros(16, requires_grad=True)
    mean, var = torch.zeros(16), torch.ones(16)
    print(f"| operator ({size} px, batch {batch}; median ms of forward + backward over {repeats}) "
          f"| PyTorch {torch.__version__} |")
    timed("conv 1->16 (weight gradient only)", image, False, lambda x: F.conv2d(x, w1, None, 1, 1), repeats)
    timed("batch norm 16, training", act16, True,
          lambda x: F.batch_norm(x, mean, var, gamma, beta, True, 0.1, 1e-5), repeats)
    timed("relu 16", act16, True, F.relu, repeats)
    timed("max-pool 2x2 16", act16, True, lambda x: F.max_pool2d(x, 2, 2), repeats)
    timed("max-pool 2x2 16 as strided maxima", act16, True, strided_max, repeats)
    timed("max-pool 2x2 16 as a maximum over reshaped axes", act16, True,
          lambda x: x.view(batch, 16, size // 2, 2, size // 2, 2).amax(dim=5).amax(dim=3), repeats)
    timed("relu 16 at half size", act16half, True, F.relu, repeats)
    timed("conv 16->32 at half size", act16half, True, lambda x: F.conv2d(x, w2, None, 1, 1), repeats)


if __name__ == "__main__":
    main()
