#!/usr/bin/python3
"""Writes the tiny TorchScript classifier used by the covid-djl tests.

Run with Debian's PyTorch (apt-get install python3-torch), from the repository root:

    /usr/bin/python3 covid-djl/src/test/python/make_tiny_torchscript.py

It writes, into covid-djl/src/test/resources/torchscript/:
  tiny_classifier.pt             a scripted 3-channel CNN (32x32 input, 3 classes), a few KB
  tiny_classifier.json           the sidecar the Java importer reads
  tiny_classifier.expected.json  probabilities PyTorch computes for generated test images, so the
                                 Java test checks DJL's outputs against PyTorch's own

The test images are generated the same way in Java: gray value at (y, x) of image k is
((x + 2*y + 7*k) % 32) / 31, copied to the 3 channels and normalised per channel with the
sidecar's mean and std.
"""
import json
import os

import torch
from torch import nn

SIZE = 32
CLASSES = ["covid", "normal", "pneumonia"]
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "torchscript")


class TinyClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3, padding=1)
        self.bn = nn.BatchNorm2d(6)
        self.fc = nn.Linear(6, len(CLASSES))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.bn(self.conv(x)))
        x = torch.nn.functional.max_pool2d(x, 2)
        x = x.mean(dim=(2, 3))
        return self.fc(x)


def test_image(k):
    ys = torch.arange(SIZE).view(SIZE, 1)
    xs = torch.arange(SIZE).view(1, SIZE)
    gray = ((xs + 2 * ys + 7 * k) % 32).float() / 31.0
    mean = torch.tensor(MEAN).view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1)
    return (gray.unsqueeze(0).expand(3, SIZE, SIZE) - mean) / std


def main():
    torch.manual_seed(20200401)
    model = TinyClassifier()
    with torch.no_grad():
        # non-trivial running statistics, so that inference mode is distinguishable from training mode
        model.bn.running_mean.uniform_(-0.2, 0.2)
        model.bn.running_var.uniform_(0.5, 1.5)
        model.fc.weight.mul_(4.0)
    model.eval()
    scripted = torch.jit.script(model)
    os.makedirs(OUT, exist_ok=True)
    scripted.save(os.path.join(OUT, "tiny_classifier.pt"))
    with open(os.path.join(OUT, "tiny_classifier.json"), "w") as f:
        json.dump({"classNames": CLASSES, "inputSize": SIZE, "channels": 3, "mean": MEAN, "std": STD,
                   "output": "logits"}, f, indent=2)
        f.write("\n")
    batch = torch.stack([test_image(k) for k in range(4)])
    with torch.no_grad():
        probabilities = torch.softmax(scripted(batch), dim=1)
    with open(os.path.join(OUT, "tiny_classifier.expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "images": [
            {"k": k, "probabilities": [float(v) for v in probabilities[k]]} for k in range(4)]}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
