#!/usr/bin/python3
"""Writes the tiny ONNX classifiers used by the covid-onnx tests.

Run with Debian's PyTorch (apt-get install python3-torch; torch.onnx.export needs no onnx package),
from the repository root:

    /usr/bin/python3 covid-onnx/src/test/python/make_tiny_onnx.py

It writes, into covid-onnx/src/test/resources/onnx/, for each model NAME:
  NAME.onnx           the network (a few KB), dynamic batch size
  NAME.json           the sidecar the Java importer reads
  NAME.expected.json  the scores PyTorch computes for generated test images, so that the Java test checks
                      ONNX Runtime's outputs (and our softmax) against PyTorch's own

The models:
  tiny_logits      1 channel, 32x32, stretch, 3 classes, raw logits (covid-xray applies the softmax)
  tiny_softmax     the same network ending in a softmax (probabilities that sum to 1)
  tiny_multilabel  3 channels, 32x32, centre-crop, 5 labels ending in a sigmoid (multi-label, like
                   torchxrayvision's models), with per-label thresholds in the sidecar

The test images are generated the same way in Java: gray value at (y, x) of image k is
((x + 2*y + 7*k) % 32) / 31, copied to every channel and normalised per channel with the sidecar's
mean and std.
"""
import json
import os

import torch
from torch import nn

SIZE = 32
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")
CLASSES = ["covid", "normal", "pneumonia"]
LABELS = ["Atelectasis", "Effusion", "Pneumonia", "COVID-19", "Nodule"]


class TinyNet(nn.Module):
    def __init__(self, channels, outputs, last):
        super().__init__()
        self.conv = nn.Conv2d(channels, 6, 3, padding=1)
        self.bn = nn.BatchNorm2d(6)
        self.fc = nn.Linear(6, outputs)
        self.last = last

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        x = torch.nn.functional.max_pool2d(x, 2)
        x = x.mean(dim=(2, 3))
        x = self.fc(x)
        if self.last == "softmax":
            return torch.softmax(x, dim=1)
        if self.last == "sigmoid":
            return torch.sigmoid(x)
        return x


def test_image(k, channels, mean, std):
    ys = torch.arange(SIZE).view(SIZE, 1)
    xs = torch.arange(SIZE).view(1, SIZE)
    gray = ((xs + 2 * ys + 7 * k) % 32).float() / 31.0
    mean = torch.tensor(mean).view(-1, 1, 1)
    std = torch.tensor(std).view(-1, 1, 1)
    return (gray.unsqueeze(0).expand(channels, SIZE, SIZE) - mean) / std


def randomise(model, seed):
    torch.manual_seed(seed)
    with torch.no_grad():
        # non-trivial running statistics, so that inference mode is distinguishable from training mode
        model.bn.running_mean.uniform_(-0.2, 0.2)
        model.bn.running_var.uniform_(0.5, 1.5)
        model.fc.weight.mul_(4.0)


def make(name, model, channels, sidecar):
    model.eval()
    example = torch.zeros(1, channels, SIZE, SIZE)
    torch.onnx.export(model, example, os.path.join(OUT, name + ".onnx"), input_names=["image"],
                      output_names=["scores"], dynamic_axes={"image": {0: "batch"}, "scores": {0: "batch"}},
                      opset_version=13)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    mean = sidecar["mean"] * (channels // len(sidecar["mean"]))
    std = sidecar["std"] * (channels // len(sidecar["std"]))
    batch = torch.stack([test_image(k, channels, mean, std) for k in range(4)])
    with torch.no_grad():
        scores = model(batch)
        if sidecar["output"] == "logits":
            scores = torch.softmax(scores, dim=1)
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "images": [
            {"k": k, "scores": [float(v) for v in scores[k]]} for k in range(4)]}, f, indent=2)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    single = {"classNames": CLASSES, "inputSize": SIZE, "channels": 1, "mean": [0.5], "std": [0.25],
              "resize": "stretch"}
    torch.manual_seed(20200401)
    logits = TinyNet(1, len(CLASSES), "logits")
    randomise(logits, 1)
    make("tiny_logits", logits, 1, dict(single, output="logits"))
    softmax = TinyNet(1, len(CLASSES), "softmax")
    softmax.load_state_dict(logits.state_dict())
    make("tiny_softmax", softmax, 1, dict(single, output="softmax"))
    torch.manual_seed(20200402)
    multi = TinyNet(3, len(LABELS), "sigmoid")
    randomise(multi, 2)
    make("tiny_multilabel", multi, 3, {
        "classNames": LABELS, "inputSize": SIZE, "channels": 3, "mean": [0.485, 0.456, 0.406],
        "std": [0.229, 0.224, 0.225], "resize": "centre-crop", "output": "sigmoid",
        "thresholds": {"Effusion": 0.7, "COVID-19": 0.35}})


if __name__ == "__main__":
    main()
