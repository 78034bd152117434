#!/usr/bin/python3
"""Rebuild a covid-xray network in PyTorch from `covid export --format safetensors` and write it as
TorchScript and ONNX, each with a sidecar JSON.

Research software, not a diagnostic device.

    covid export --format safetensors --out model.safetensors model.zip
    /usr/bin/python3 covid-examples/src/main/python/rebuild_from_safetensors.py model.safetensors --out-dir out

writes out/model.pt with out/model.json (the sidecar covid-djl's TorchScript import reads, so
`DjlTorchScriptClassifier.load(Path.of("out/model.pt"))` serves it) and out/model.onnx with
out/model.onnx.json (the same description). Both take [N, channels, inputSize, inputSize] float32, the
gray image in [0, 1] normalised as (v - mean) / std, and return logits [N, classes] (softmax gives the
probabilities covid-xray reports). A border mask of the original model is built into the network.

Needs only the standard library and torch (Debian: apt-get install python3-torch; tested with 1.13).
No safetensors package: the format is read here (8-byte little-endian header length, JSON header,
little-endian row-major data). torch.onnx.export needs no onnx package.

The network is org.covidxray.model.Architecture: for each width w, conv 3x3 (stride 1, padding 1, no
bias), batch norm (eps 1e-5), ReLU [, the same again when doubleConv], max-pool 2x2 stride 2; then
global average pooling, dropout (identity at inference) and a dense layer with bias. The parameter
names are org.covidxray.model.NetworkParameters': blocks.<i>.conv<j>.weight, blocks.<i>.bn<j>.{weight,
bias,running_mean,running_var}, classifier.{weight,bias}. They are loaded strictly: a name missing from
the file or left over, or a shape that differs, stops the script.
"""
import argparse
import array
import json
import os
import struct
import sys
from collections import OrderedDict

import torch
from torch import nn

EXPORT_VERSION = "1"
NOTICE = "Research software, not a diagnostic device."


def read_safetensors(path):
    """(metadata dict, OrderedDict name -> float32 tensor) of a safetensors file."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        sys.exit(f"{path}: shorter than the 8-byte header length; not a safetensors file")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > len(raw) - 8:
        sys.exit(f"{path}: declares a {n}-byte header but has {len(raw)} bytes; not a safetensors file or truncated")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = OrderedDict()
    for name, entry in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        if entry["dtype"] != "F32":
            sys.exit(f"{path}: tensor {name} has dtype {entry['dtype']}; covid export writes F32 only")
        begin, end = entry["data_offsets"]
        shape = entry["shape"]
        count = 1
        for d in shape:
            count *= d
        if end - begin != 4 * count or end > len(data):
            sys.exit(f"{path}: tensor {name} has data_offsets {entry['data_offsets']} for shape {shape}")
        values = array.array("f")
        values.frombytes(data[begin:end])
        if sys.byteorder == "big":
            values.byteswap()  # the file is little-endian
        tensors[name] = torch.tensor(values, dtype=torch.float32).reshape(shape)
    return metadata, tensors


class CovidXrayNet(nn.Module):
    """org.covidxray.model.Architecture in PyTorch; returns logits."""

    def __init__(self, architecture, classes, border_pixels=0):
        super().__init__()
        blocks = []
        cin = architecture["channels"]
        for w in architecture["widths"]:
            layers = OrderedDict()
            for j in (1, 2) if architecture["doubleConv"] else (1,):
                layers[f"conv{j}"] = nn.Conv2d(cin if j == 1 else w, w, 3, stride=1, padding=1, bias=False)
                layers[f"bn{j}"] = nn.BatchNorm2d(w, eps=1e-5, momentum=0.1)
                layers[f"relu{j}"] = nn.ReLU()
            layers["pool"] = nn.MaxPool2d(2, 2)
            blocks.append(nn.Sequential(layers))
            cin = w
        self.blocks = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(architecture["dropout"])
        self.classifier = nn.Linear(cin, classes, bias=True)
        size = architecture["inputSize"]
        mask = torch.ones(1, 1, size, size)
        if border_pixels > 0:
            # the preprocessing's border mask: 0 (the normalised mean) in a band at each edge
            mask[..., :border_pixels, :] = 0
            mask[..., size - border_pixels:, :] = 0
            mask[..., :, :border_pixels] = 0
            mask[..., :, size - border_pixels:] = 0
        self.masked = border_pixels > 0
        self.register_buffer("input_mask", mask, persistent=False)

    def forward(self, x):
        if self.masked:
            x = x * self.input_mask
        x = self.blocks(x)
        x = torch.flatten(self.pool(x), 1)
        return self.classifier(self.dropout(x))


def rebuild(path):
    """(module in eval mode, metadata) from an exported file, parameters loaded strictly."""
    metadata, tensors = read_safetensors(path)
    if metadata.get("covidxray.export") != EXPORT_VERSION:
        sys.exit(f"{path}: metadata covidxray.export is {metadata.get('covidxray.export')!r}; this script reads "
                 f"version {EXPORT_VERSION} (write the file with 'covid export --format safetensors')")
    architecture = json.loads(metadata["architecture"])
    classes = json.loads(metadata["classNames"])
    model = CovidXrayNet(architecture, len(classes), int(metadata.get("borderMaskPixels", "0")))
    state = OrderedDict(tensors)
    for name, buffer in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            # PyTorch's batch count, which neither engine keeps; inference never reads it
            state[name] = torch.zeros_like(buffer)
    # strict: every parameter of the module comes from the file and every tensor of the file is used
    model.load_state_dict(state, strict=True)
    model.eval()
    return model, metadata


def input_fields(metadata):
    """What both sidecars say about the input: classes, size, channels and normalisation."""
    pre = json.loads(metadata["preprocessing"])
    return [
        ("classNames", json.loads(metadata["classNames"])),
        ("inputSize", int(metadata["inputSize"])),
        ("channels", int(metadata["channels"])),
        ("mean", [pre["mean"]]),
        ("std", [pre["std"]]),
    ]


def sidecar(metadata, source):
    pre = json.loads(metadata["preprocessing"])
    return OrderedDict(input_fields(metadata) + [
        ("output", "logits"),
        # not read by the TorchScript import, which stretches and does not equalise: stated for people
        ("centerCrop", pre["centerCrop"]),
        ("equalizeHistogram", pre["equalizeHistogram"]),
        ("borderMask", "built into the network" if int(metadata.get("borderMaskPixels", "0")) > 0 else "none"),
        ("decisionRule", json.loads(metadata["decisionRule"])),
        ("source", source),
        ("modelId", metadata.get("modelId")),
        ("notice", NOTICE),
    ])


def onnx_sidecar(metadata, source):
    """The sidecar covid-onnx reads (its fields only; docs/engines.md, "Serving an ONNX model")."""
    pre = json.loads(metadata["preprocessing"])
    rule = json.loads(metadata["decisionRule"])
    return OrderedDict(input_fields(metadata) + [
        ("resize", "centre-crop" if pre["centerCrop"] else "stretch"),
        ("output", "logits"),
        ("description", "covid-xray model %s exported from %s; its own decision rule: %s%s. %s" % (
            metadata.get("modelId"), source, rule.get("description", rule),
            "; trained with histogram equalisation, which the ONNX path does not apply" if pre["equalizeHistogram"]
            else "", NOTICE)),
    ])


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="a .safetensors file written by 'covid export --format safetensors'")
    parser.add_argument("--out-dir", required=True, help="folder for NAME.pt, NAME.json, NAME.onnx, NAME.onnx.json")
    parser.add_argument("--name", help="base name of the outputs (default: the input's name without extension)")
    parser.add_argument("--opset", type=int, default=13, help="ONNX opset (default: %(default)s)")
    args = parser.parse_args()

    model, metadata = rebuild(args.file)
    name = args.name or os.path.splitext(os.path.basename(args.file))[0]
    os.makedirs(args.out_dir, exist_ok=True)
    size, channels = int(metadata["inputSize"]), int(metadata["channels"])
    example = torch.zeros(2, channels, size, size)
    description = sidecar(metadata, os.path.basename(args.file))
    pre = json.loads(metadata["preprocessing"])
    if pre["centerCrop"] or pre["equalizeHistogram"]:
        print("warning: the model was trained with centerCrop=%s, equalizeHistogram=%s; covid-djl's TorchScript "
              "import stretches and does not equalise, so feed such inputs yourself" %
              (pre["centerCrop"], pre["equalizeHistogram"]), file=sys.stderr)

    check = torch.randn(3, channels, size, size, generator=torch.Generator().manual_seed(7))
    with torch.no_grad():
        expected = model(check)
        script_path = os.path.join(args.out_dir, name + ".pt")
        traced = torch.jit.trace(model, example)
        traced.save(script_path + ".tmp")
        os.replace(script_path + ".tmp", script_path)
        difference = (torch.jit.load(script_path)(check) - expected).abs().max().item()
        if difference > 1e-5:
            sys.exit(f"{script_path}: the TorchScript module differs from the rebuilt network by {difference}")
    write_json(os.path.join(args.out_dir, name + ".json"), description)
    print(f"TorchScript: {script_path} with {name}.json (max difference to the rebuilt network {difference:.2e})")

    onnx_path = os.path.join(args.out_dir, name + ".onnx")
    torch.onnx.export(model, example, onnx_path + ".tmp", input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, opset_version=args.opset)
    os.replace(onnx_path + ".tmp", onnx_path)
    if os.path.getsize(onnx_path) == 0:
        sys.exit(f"{onnx_path}: torch.onnx.export wrote an empty file")
    write_json(os.path.join(args.out_dir, name + ".onnx.json"), onnx_sidecar(metadata, os.path.basename(args.file)))
    print(f"ONNX: {onnx_path} ({os.path.getsize(onnx_path)} bytes, opset {args.opset}) with {name}.onnx.json")
    print(NOTICE)


if __name__ == "__main__":
    main()
