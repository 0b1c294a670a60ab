"""Reference numbers for the analysis tests, from PyTorch itself.

Run with the interpreter that has torch 1.13 and torchvision 0.14:
    /usr/bin/python3 tests/Fcn.Dsl.Tests/Analysis/Reference/pytorch_reference.py

Prints, for the Caffe-style FCNs (built here in torchfcn's layout with its hard-coded crops) and for
torchvision's fcn_resnet50/101: node sizes, multiply-adds (forward hooks on every Conv2d and
ConvTranspose2d), parameter counts of the ResNet trunks, and the smallest square input each net takes.
"""
import torch
import torch.nn as nn
import torchvision
from torchvision.models.segmentation import fcn_resnet50, fcn_resnet101

torch.set_num_threads(1)


def vgg16_trunk(width):
    layers, channels = [], 3
    for stage, (convs, out) in enumerate([(2, 64), (2, 128), (3, 256), (3, 512), (3, 512)], 1):
        for i in range(convs):
            layers += [nn.Conv2d(channels, out // width, 3, padding=100 if stage == 1 and i == 0 else 1), nn.ReLU()]
            channels = out // width
        layers += [nn.MaxPool2d(2, 2, ceil_mode=True), "pool%d" % stage]
    return layers + [nn.Conv2d(channels, 4096 // width, 7), nn.ReLU(), nn.Conv2d(4096 // width, 4096 // width, 1), nn.ReLU(), "fc7"]


def alexnet_trunk(width):
    c = lambda n: n // width
    return [nn.Conv2d(3, c(96), 11, 4, 100), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), nn.LocalResponseNorm(5, 1e-4, 0.75, 1), "pool1",
            nn.Conv2d(c(96), c(256), 5, padding=2, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), nn.LocalResponseNorm(5, 1e-4, 0.75, 1), "pool2",
            nn.Conv2d(c(256), c(384), 3, padding=1), nn.ReLU(), nn.Conv2d(c(384), c(384), 3, padding=1, groups=2), nn.ReLU(),
            nn.Conv2d(c(384), c(256), 3, padding=1, groups=2), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True), "pool5",
            nn.Conv2d(c(256), c(4096), 6), nn.ReLU(), nn.Conv2d(c(4096), c(4096), 1), nn.ReLU(), "fc7"]


def tiny_trunk(width):
    # The earlier shape of examples/specs/tiny-fcn8s.fcn.yaml (pad 16, 3x3 fc6; the spec now has pad 40
    # and a 5x5 fc6): ReferenceNetworks.TinyFcn8s() builds this same shape.
    layers, channels = [nn.Conv2d(3, 16, 3, padding=16), nn.ReLU(), nn.MaxPool2d(2, 2, ceil_mode=True), "pool1",
                        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2, ceil_mode=True), "pool2"], 32
    for stage in (3, 4, 5):
        layers += [nn.Conv2d(channels, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2, ceil_mode=True), "pool%d" % stage]
        channels = 64
    return layers + [nn.Conv2d(64, 128, 3), nn.ReLU(), nn.Conv2d(128, 128, 1), nn.ReLU(), "fc7"]


class CropOutOfBounds(Exception):
    """x[o:o+H] silently shortens in PyTorch; the generated code would then fail or return the wrong size."""


def crop(x, offset, reference):
    height, width = reference.shape[2], reference.shape[3]
    if offset + height > x.shape[2] or offset + width > x.shape[3]:
        raise CropOutOfBounds()
    return x[:, :, offset:offset + height, offset:offset + width]


MULTIPLY_ADDS = [0]


def count(module, inputs, output):
    if isinstance(module, nn.ConvTranspose2d):
        MULTIPLY_ADDS[0] += inputs[0].numel() * module.out_channels * module.kernel_size[0] * module.kernel_size[1]
    elif isinstance(module, nn.Conv2d):
        MULTIPLY_ADDS[0] += output.numel() * (module.in_channels // module.groups) * module.kernel_size[0] * module.kernel_size[1]


def caffe_fcn(kind, classes, width=1):
    """kind: 32s, 16s, 8s, alexnet or tiny (8s-shaped; crops 1, 1, 11 from its coordinate maps)."""
    trunk = {"alexnet": alexnet_trunk, "tiny": tiny_trunk}.get(kind, vgg16_trunk)(width)
    fc7 = 128 if kind == "tiny" else 4096 // width
    pool4, pool3 = (64, 64) if kind == "tiny" else (512 // width, 256 // width)
    fuse4, fuse3, final = (1, 1, 11) if kind == "tiny" else (5, 9, 31)
    up = lambda k, s: nn.ConvTranspose2d(classes, classes, k, s, bias=False)
    head = {"score_fr": nn.Conv2d(fc7, classes, 1)}
    if kind in ("32s", "alexnet"):
        head["upscore"] = up(64 if kind == "32s" else 63, 32)
    else:
        head.update(upscore2=up(4, 2), score_pool4=nn.Conv2d(pool4, classes, 1))
        if kind == "16s":
            head["upscore16"] = up(32, 16)
        else:
            head.update(upscore_pool4=up(4, 2), score_pool3=nn.Conv2d(pool3, classes, 1), upscore8=up(16, 8))
    for module in [m for m in trunk if not isinstance(m, str)] + list(head.values()):
        module.register_forward_hook(count)

    def forward(x):
        s, h = {}, x
        for layer in trunk:
            if isinstance(layer, str):
                s[layer] = h
            else:
                h = layer(h)
        s["score_fr"] = h = head["score_fr"](h)
        if kind in ("32s", "alexnet"):
            s["upscore"] = h = head["upscore"](h)
            s["score"] = crop(h, 19 if kind == "32s" else 18, x)
            return s
        s["upscore2"] = u = head["upscore2"](h)
        s["fuse_pool4"] = h = u + crop(head["score_pool4"](s["pool4"]), fuse4, u)
        if kind == "16s":
            s["upscore16"] = h = head["upscore16"](h)
            s["score"] = crop(h, 27, x)
            return s
        s["upscore_pool4"] = u = head["upscore_pool4"](h)
        s["fuse_pool3"] = h = u + crop(head["score_pool3"](s["pool3"]), fuse3, u)
        s["upscore8"] = h = head["upscore8"](h)
        s["score"] = crop(h, final, x)
        return s
    return forward


def runs(forward, side):
    try:
        with torch.no_grad():
            return forward(torch.zeros(1, 3, side, side))["score"].shape[2:] == (side, side)
    except (CropOutOfBounds, RuntimeError):
        return False


def report(name, forward, height, width):
    MULTIPLY_ADDS[0] = 0
    with torch.no_grad():
        sizes = forward(torch.zeros(1, 3, height, width))
    print(name, "%dx%d" % (height, width), "multiply-adds", MULTIPLY_ADDS[0], {k: tuple(v.shape[2:]) for k, v in sizes.items()})


if __name__ == "__main__":
    for kind in ("32s", "16s", "8s", "alexnet", "tiny"):
        # Channel widths change no size: scale them down to search quickly.
        forward = caffe_fcn(kind, classes=2, width=1 if kind == "tiny" else 16)
        print(kind, "smallest square input", next(side for side in range(1, 2000) if runs(forward, side)))
    report("32s", caffe_fcn("32s", 21), 500, 500)
    report("8s", caffe_fcn("8s", 21), 97, 131)
    report("alexnet", caffe_fcn("alexnet", 21), 500, 500)
    report("tiny", caffe_fcn("tiny", 4), 64, 64)
    try:
        report("tiny", caffe_fcn("tiny", 4), 97, 131)
    except CropOutOfBounds:
        print("tiny 97x131 crop out of bounds")

    for name, build in (("resnet50", torchvision.models.resnet50), ("resnet101", torchvision.models.resnet101)):
        model = build(weights=None)
        print(name, "trunk parameters", sum(p.numel() for n, p in model.named_parameters() if not n.startswith("fc.")))
    for build in (fcn_resnet50, fcn_resnet101):
        model = build(weights=None, weights_backbone=None, aux_loss=True, num_classes=21).eval()
        for module in model.modules():
            if isinstance(module, nn.Conv2d):
                module.register_forward_hook(count)
        MULTIPLY_ADDS[0] = 0
        with torch.no_grad():
            out = model(torch.zeros(1, 3, 520, 520))
        print(build.__name__, "520x520 multiply-adds", MULTIPLY_ADDS[0], "parameters",
              sum(p.numel() for p in model.parameters()), "out", tuple(out["out"].shape))
