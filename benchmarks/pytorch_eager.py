#!/usr/bin/python3
"""PyTorch eager baseline for the FcnDsl runtime benchmarks.

Times the same networks as the .NET harness (benchmarks/Fcn.Benchmarks/Runtime), at the same thread count
and input sizes, with the same workloads: inference (eval, inference_mode) and one training step
(gradients set to None, forward, cross-entropy (+0.5 x aux), backward, SGD lr 1e-3 momentum 0.9). Run with Debian's
/usr/bin/python3 (python3-torch 1.13.1, python3-torchvision 0.14.1); the .NET harness calls it and
merges its JSON into the tables, so the ratios come from one run. The harness calls it once per case,
right after timing that case in .NET, and once more for the peak-memory probes and torch.mm.

    /usr/bin/python3 benchmarks/pytorch_eager.py --threads 2 --cases tiny:64:1,fcn8s:64:1 \
        --train-cases tiny:64:1 --memory-cases fcn8s:64:1 --matmul --out pytorch.json
"""
import argparse
import json
import resource
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision.models.segmentation import fcn_resnet50

PEAK_MARKER = "PEAK_RSS_BYTES "


class FCN8s(nn.Module):
    """FCN-8s on VGG16 as in wkentaro/pytorch-fcn (torchfcn/models/fcn8s.py): pad 100, ceil-mode pools,
    bias-free transposed convolutions, crops at 5, 9 and 31. The operations are those of the generated
    model, so that only the framework differs: plain ReLU and Dropout (torchfcn uses in-place ReLU and
    Dropout2d), and the final crop stays a view (torchfcn adds .contiguous())."""

    def __init__(self, n_class=21):
        super().__init__()
        self.conv1_1 = nn.Conv2d(3, 64, 3, padding=100)
        self.relu1_1 = nn.ReLU()
        self.conv1_2 = nn.Conv2d(64, 64, 3, padding=1)
        self.relu1_2 = nn.ReLU()
        self.pool1 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.conv2_1 = nn.Conv2d(64, 128, 3, padding=1)
        self.relu2_1 = nn.ReLU()
        self.conv2_2 = nn.Conv2d(128, 128, 3, padding=1)
        self.relu2_2 = nn.ReLU()
        self.pool2 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.conv3_1 = nn.Conv2d(128, 256, 3, padding=1)
        self.relu3_1 = nn.ReLU()
        self.conv3_2 = nn.Conv2d(256, 256, 3, padding=1)
        self.relu3_2 = nn.ReLU()
        self.conv3_3 = nn.Conv2d(256, 256, 3, padding=1)
        self.relu3_3 = nn.ReLU()
        self.pool3 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.conv4_1 = nn.Conv2d(256, 512, 3, padding=1)
        self.relu4_1 = nn.ReLU()
        self.conv4_2 = nn.Conv2d(512, 512, 3, padding=1)
        self.relu4_2 = nn.ReLU()
        self.conv4_3 = nn.Conv2d(512, 512, 3, padding=1)
        self.relu4_3 = nn.ReLU()
        self.pool4 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.conv5_1 = nn.Conv2d(512, 512, 3, padding=1)
        self.relu5_1 = nn.ReLU()
        self.conv5_2 = nn.Conv2d(512, 512, 3, padding=1)
        self.relu5_2 = nn.ReLU()
        self.conv5_3 = nn.Conv2d(512, 512, 3, padding=1)
        self.relu5_3 = nn.ReLU()
        self.pool5 = nn.MaxPool2d(2, stride=2, ceil_mode=True)
        self.fc6 = nn.Conv2d(512, 4096, 7)
        self.relu6 = nn.ReLU()
        self.drop6 = nn.Dropout(0.5)
        self.fc7 = nn.Conv2d(4096, 4096, 1)
        self.relu7 = nn.ReLU()
        self.drop7 = nn.Dropout(0.5)
        self.score_fr = nn.Conv2d(4096, n_class, 1)
        self.score_pool3 = nn.Conv2d(256, n_class, 1)
        self.score_pool4 = nn.Conv2d(512, n_class, 1)
        self.upscore2 = nn.ConvTranspose2d(n_class, n_class, 4, stride=2, bias=False)
        self.upscore8 = nn.ConvTranspose2d(n_class, n_class, 16, stride=8, bias=False)
        self.upscore_pool4 = nn.ConvTranspose2d(n_class, n_class, 4, stride=2, bias=False)

    def forward(self, x):
        h = self.relu1_1(self.conv1_1(x))
        h = self.relu1_2(self.conv1_2(h))
        h = self.pool1(h)
        h = self.relu2_1(self.conv2_1(h))
        h = self.relu2_2(self.conv2_2(h))
        h = self.pool2(h)
        h = self.relu3_1(self.conv3_1(h))
        h = self.relu3_2(self.conv3_2(h))
        h = self.relu3_3(self.conv3_3(h))
        pool3 = self.pool3(h)
        h = self.relu4_1(self.conv4_1(pool3))
        h = self.relu4_2(self.conv4_2(h))
        h = self.relu4_3(self.conv4_3(h))
        pool4 = self.pool4(h)
        h = self.relu5_1(self.conv5_1(pool4))
        h = self.relu5_2(self.conv5_2(h))
        h = self.relu5_3(self.conv5_3(h))
        h = self.pool5(h)
        h = self.drop6(self.relu6(self.fc6(h)))
        h = self.drop7(self.relu7(self.fc7(h)))
        h = self.score_fr(h)
        upscore2 = self.upscore2(h)
        h = self.score_pool4(pool4)[:, :, 5:5 + upscore2.size(2), 5:5 + upscore2.size(3)]
        h = upscore2 + h
        upscore_pool4 = self.upscore_pool4(h)
        h = self.score_pool3(pool3)[:, :, 9:9 + upscore_pool4.size(2), 9:9 + upscore_pool4.size(3)]
        h = upscore_pool4 + h
        h = self.upscore8(h)
        return h[:, :, 31:31 + x.size(2), 31:31 + x.size(3)]


class TinyFcn8s(nn.Module):
    """examples/specs/tiny-fcn8s.fcn.yaml by hand; crop offsets 3, 5, 3 as worked out in
    benchmarks/Fcn.Benchmarks/HandWritten/HandTinyFcn8s.cs."""

    def __init__(self, n_class=4):
        super().__init__()
        self.conv1_1 = nn.Conv2d(3, 16, 3, padding=40)
        self.conv2_1 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv3_1 = nn.Conv2d(32, 64, 3, padding=1)
        self.conv4_1 = nn.Conv2d(64, 64, 3, padding=1)
        self.conv5_1 = nn.Conv2d(64, 64, 3, padding=1)
        self.fc6 = nn.Conv2d(64, 128, 5)
        self.fc7 = nn.Conv2d(128, 128, 1)
        self.drop = nn.Dropout(0.1)
        self.score_fr = nn.Conv2d(128, n_class, 1)
        self.score_pool4 = nn.Conv2d(64, n_class, 1)
        self.score_pool3 = nn.Conv2d(64, n_class, 1)
        self.upscore2 = nn.ConvTranspose2d(n_class, n_class, 4, stride=2, bias=False)
        self.upscore_pool4 = nn.ConvTranspose2d(n_class, n_class, 4, stride=2, bias=False)
        self.upscore8 = nn.ConvTranspose2d(n_class, n_class, 16, stride=8, bias=False)

    def forward(self, x):
        pool = lambda t: F.max_pool2d(t, 2, 2, ceil_mode=True)
        h = pool(F.relu(self.conv1_1(x)))
        h = pool(F.relu(self.conv2_1(h)))
        pool3 = pool(F.relu(self.conv3_1(h)))
        pool4 = pool(F.relu(self.conv4_1(pool3)))
        h = pool(F.relu(self.conv5_1(pool4)))
        h = self.drop(F.relu(self.fc6(h)))
        h = self.drop(F.relu(self.fc7(h)))
        up2 = self.upscore2(self.score_fr(h))
        h = up2 + self.score_pool4(pool4)[:, :, 3:3 + up2.size(2), 3:3 + up2.size(3)]
        up_pool4 = self.upscore_pool4(h)
        h = up_pool4 + self.score_pool3(pool3)[:, :, 5:5 + up_pool4.size(2), 5:5 + up_pool4.size(3)]
        h = self.upscore8(h)
        return h[:, :, 3:3 + x.size(2), 3:3 + x.size(3)]


class TorchvisionFcn(nn.Module):
    """torchvision's fcn_resnet50 with the aux classifier, returning (out, aux) instead of a dict."""

    def __init__(self):
        super().__init__()
        self.model = fcn_resnet50(weights=None, weights_backbone=None, num_classes=21, aux_loss=True)

    def forward(self, x):
        result = self.model(x)
        return result["out"], result["aux"]


MODELS = {"tiny": (TinyFcn8s, 4), "fcn8s": (FCN8s, 21), "resnet50": (TorchvisionFcn, 21)}


def parse_case(key):
    model, size, batch = key.split(":")
    return model, int(size), int(batch)


def outputs_of(result):
    return result if isinstance(result, tuple) else (result,)


def make(key):
    model_name, size, batch = parse_case(key)
    factory, classes = MODELS[model_name]
    torch.manual_seed(0)
    model = factory()
    x = torch.randn(batch, 3, size, size)
    target = torch.randint(0, classes, (batch, size, size))
    return model, x, target


def forward_action(model, x):
    model.eval()

    def run():
        with torch.inference_mode():
            model(x)
    return run


def training_action(model, x, target):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3, momentum=0.9)

    def run():
        optimizer.zero_grad(set_to_none=True)  # drop the gradients, as the .NET side does (PyTorch 2's default)
        outputs = outputs_of(model(x))
        loss = F.cross_entropy(outputs[0], target)
        for aux in outputs[1:]:
            loss = loss + 0.5 * F.cross_entropy(aux, target)
        loss.backward()
        optimizer.step()
    return run


def measure(action, warmups, budget, min_reps, max_reps):
    """Warm up, choose the repetitions from the last warm-up to fit the budget, time each one."""
    estimate = 0.0
    for _ in range(warmups):
        start = time.perf_counter()
        action()
        estimate = time.perf_counter() - start
    reps = max(min_reps, min(max_reps, int(-(-budget // max(estimate, 1e-6)))))
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    ordered = sorted(samples)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"median": median, "min": ordered[0], "n": len(ordered)}


def matmul_gflops(n=2048, reps=3):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - start)
    return 2.0 * n ** 3 / best / 1e9


def peak_rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def memory_probe(key, mode, threads):
    """Child process: peak RSS after two runs of the workload (or after importing torch, for 'baseline')."""
    torch.set_num_threads(threads)
    if key != "baseline":
        model, x, target = make(key)
        action = forward_action(model, x) if mode == "inference" else training_action(model, x, target)
        action()
        action()
    print(PEAK_MARKER + str(peak_rss_bytes()), flush=True)


def measure_memory(key, mode, threads):
    out = subprocess.run([sys.executable, __file__, "--memory-probe", key, mode, "--threads", str(threads)],
                         check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith(PEAK_MARKER):
            return int(line[len(PEAK_MARKER):])
    raise RuntimeError("memory probe printed no peak: " + out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cases", default="", help="model:size:batch,... timed in inference")
    parser.add_argument("--train-cases", default="", help="the subset of --cases whose training step is timed too")
    parser.add_argument("--memory-cases", default="")
    parser.add_argument("--forward-budget", type=float, default=2.0, help="seconds of timed forward passes per case")
    parser.add_argument("--train-budget", type=float, default=3.0, help="seconds of timed training steps per case")
    parser.add_argument("--min-reps", type=int, default=3)
    parser.add_argument("--max-reps", type=int, default=30)
    parser.add_argument("--matmul", action="store_true", help="also time torch.mm (2048x2048) for the report")
    parser.add_argument("--out", default="")
    parser.add_argument("--memory-probe", nargs=2, metavar=("CASE", "MODE"))
    args = parser.parse_args()

    if args.memory_probe:
        memory_probe(args.memory_probe[0], args.memory_probe[1], args.threads)
        return

    torch.set_num_threads(args.threads)
    result = {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "threads": torch.get_num_threads(),
        "matmul_gflops": matmul_gflops() if args.matmul else None,
        "cases": [],
        "memory": [],
    }
    print(f"PyTorch {torch.__version__}, torchvision {torchvision.__version__}, {torch.get_num_threads()} threads"
          + (f", torch.mm {result['matmul_gflops']:.1f} GFLOP/s" if args.matmul else ""), flush=True)
    for key in filter(None, args.cases.split(",")):
        model, x, target = make(key)
        parameters = sum(p.numel() for p in model.parameters())
        forward = measure(forward_action(model, x), 2, args.forward_budget, args.min_reps, args.max_reps)
        train = None
        if key in args.train_cases.split(","):
            train = measure(training_action(model, x, target), 1, args.train_budget, args.min_reps, args.max_reps)
        result["cases"].append({"case": key, "parameters": parameters, "forward": forward, "train": train})
        print(f"  {key}: forward {forward['median'] * 1e3:.1f} ms"
              + (f", training step {train['median'] * 1e3:.1f} ms" if train else ""), flush=True)
        del model, x, target

    memory_keys = list(filter(None, args.memory_cases.split(",")))
    if memory_keys:
        result["memory"].append({"case": "baseline", "mode": "baseline", "peak_bytes": measure_memory("baseline", "baseline", args.threads)})
    for key in memory_keys:
        for mode in ("inference", "training"):
            result["memory"].append({"case": key, "mode": mode, "peak_bytes": measure_memory(key, mode, args.threads)})

    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as out:
            out.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
