#!/usr/bin/env python3
"""Writes the TorchScript image backbones GeoCSP's tests and benchmark use, and reference outputs.

Needs only Debian's python3-torch and python3-pil (`apt-get install python3-torch python3-pil`);
GeoCSP itself never needs Python. Run from the repository root:

    /usr/bin/python3 scripts/make-tiny-backbone.py

Outputs
  core/src/test/resources/org/geocsp/core/image/
    tiny-backbone.pt    Conv2d(3->4, kernel 4, stride 4) -> ReLU -> AdaptiveAvgPool2d(2) -> flatten: 16 numbers.
                        Its weights follow closed formulas (weight()/bias() below) that the Java test repeats.
    photo-*.png         three small RGB test images (deterministic patterns, not of size 32x32).
    expected.csv        file,f0..f15: the backbone's output for each PNG after the reference preprocessing
                        (Pillow bilinear resize of the short side to 32, torchvision's centre crop to 32x32,
                        /255, ImageNet mean/std), computed here with Pillow and torch.
  cli/src/main/resources/org/geocsp/cli/bench/
    bench-backbone.pt   a small CNN (4 stride-2 3x3 convolutions 3-16-32-64-128, ReLU, global average pool:
                        128 numbers) with seeded random weights, for `geocsp bench embed-images`.
    bench-backbone.json its FLOPs per 224x224 image (2 per multiply-add, counted from the layer shapes).
"""
import csv
import json
import math
import os

import torch
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEST_DIR = os.path.join(ROOT, "core/src/test/resources/org/geocsp/core/image")
BENCH_DIR = os.path.join(ROOT, "cli/src/main/resources/org/geocsp/cli/bench")
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
SIZE = 32


def weight(o, c, i, j):
    """Weight of output channel o, input channel c, kernel row i, column j (the Java test has the same formula)."""
    return math.sin(1.3 * o + 0.7 * c + 0.11 * i + 0.05 * j + 0.3) * 0.25


def bias(o):
    return 0.1 * (o - 1.5)


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, kernel_size=4, stride=4)
        self.pool = torch.nn.AdaptiveAvgPool2d(2)
        with torch.no_grad():
            for o in range(4):
                self.conv.bias[o] = bias(o)
                for c in range(3):
                    for i in range(4):
                        for j in range(4):
                            self.conv.weight[o, c, i, j] = weight(o, c, i, j)

    def forward(self, x):
        return torch.flatten(self.pool(torch.relu(self.conv(x))), 1)


class Bench(torch.nn.Module):
    def __init__(self):
        super().__init__()
        chans = [3, 16, 32, 64, 128]
        self.convs = torch.nn.ModuleList(
            torch.nn.Conv2d(chans[k], chans[k + 1], 3, stride=2, padding=1) for k in range(4))

    def forward(self, x):
        for conv in self.convs:
            x = torch.relu(conv(x))
        return x.mean(dim=(2, 3))


def pattern(w, h, seed):
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = ((x * 255 // max(1, w - 1) + seed * 37) % 256,
                        (y * 255 // max(1, h - 1) + seed * 91) % 256,
                        ((x * y) % 29 * 8 + seed * 13) % 256)
    return img


def preprocess(img):
    """torchvision's Resize(SIZE) + CenterCrop(SIZE) + ToTensor + Normalize, on a PIL image."""
    w, h = img.size
    short, long = min(w, h), max(w, h)
    new_long = int(SIZE * long / short)
    new_w, new_h = (SIZE, new_long) if w <= h else (new_long, SIZE)
    if (new_w, new_h) != (w, h):
        img = img.resize((new_w, new_h), Image.BILINEAR)
    top = int(round((new_h - SIZE) / 2.0))
    left = int(round((new_w - SIZE) / 2.0))
    img = img.crop((left, top, left + SIZE, top + SIZE))
    t = torch.tensor(list(img.getdata()), dtype=torch.float32).reshape(SIZE, SIZE, 3).permute(2, 0, 1) / 255.0
    return (t - torch.tensor(MEAN).reshape(3, 1, 1)) / torch.tensor(STD).reshape(3, 1, 1)


def conv_flops(model, size):
    flops = 0
    x = torch.zeros(1, 3, size, size)
    for conv in model.convs:
        x = conv(x)
        k = conv.kernel_size[0] * conv.kernel_size[1] * conv.in_channels
        flops += 2 * k * x.numel()
    return flops


def main():
    torch.manual_seed(20240501)
    os.makedirs(TEST_DIR, exist_ok=True)
    tiny = torch.jit.script(Tiny().eval())
    tiny.save(os.path.join(TEST_DIR, "tiny-backbone.pt"))
    rows = []
    for name, (w, h, seed) in {"photo-wide.png": (50, 40, 1), "photo-tall.png": (37, 61, 2),
                               "photo-big.png": (97, 80, 3)}.items():
        img = pattern(w, h, seed)
        img.save(os.path.join(TEST_DIR, name))
        with torch.no_grad():
            out = tiny(preprocess(Image.open(os.path.join(TEST_DIR, name)).convert("RGB")).unsqueeze(0))[0]
        rows.append([name] + ["%.7g" % v for v in out.tolist()])
    with open(os.path.join(TEST_DIR, "expected.csv"), "w", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["file"] + ["f%d" % k for k in range(16)])
        wr.writerows(rows)

    os.makedirs(BENCH_DIR, exist_ok=True)
    bench = Bench().eval()
    torch.jit.script(bench).save(os.path.join(BENCH_DIR, "bench-backbone.pt"))
    with open(os.path.join(BENCH_DIR, "bench-backbone.json"), "w") as f:
        json.dump({"input_size": 224, "output_dim": 128, "flops_per_image": conv_flops(bench, 224),
                   "made_with": "torch " + torch.__version__}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
