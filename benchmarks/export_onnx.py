#!/usr/bin/python3
"""torch.onnx's export of a benchmark network with given weights: the ONNX Runtime reference row.

The .NET harness (benchmarks/Fcn.Benchmarks/Runtime/Onnx) writes the generated model's state dict
(random weights, the same ones it times) and calls this script with Debian's /usr/bin/python3
(python3-torch 1.13.1, python3-onnx). The network is the PyTorch reference of benchmarks/pytorch_eager.py
(FCN-8s as in wkentaro/pytorch-fcn, torchvision's fcn_resnet50 with the aux head), loaded strictly, so a
key or shape that differs from the generated model's is an error, not a silent mismatch.

    /usr/bin/python3 benchmarks/export_onnx.py --model fcn8s --weights w.pt --size 128 --batch 1 --out fcn8s.onnx
"""
import argparse
import os
import sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_eager import MODELS, TorchvisionFcn  # noqa: E402  (the same reference networks)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, choices=sorted(MODELS))
    parser.add_argument("--weights", required=True, help="state dict written by the .NET harness (torch.save zip format)")
    parser.add_argument("--size", type=int, required=True, help="square input size the graph is traced at")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    factory, _ = MODELS[args.model]
    model = factory()
    state = torch.load(args.weights, map_location="cpu")
    target = model.model if isinstance(model, TorchvisionFcn) else model  # torchvision's keys sit under .model
    target.load_state_dict(state, strict=True)
    model.eval()

    outputs = ["out", "aux"] if isinstance(model, TorchvisionFcn) else ["out"]
    x = torch.randn(args.batch, 3, args.size, args.size)
    temporary = args.out + ".partial"
    with torch.no_grad():
        torch.onnx.export(model, x, temporary, opset_version=args.opset, input_names=["input"], output_names=outputs,
                          do_constant_folding=True)
    onnx.checker.check_model(temporary)
    os.replace(temporary, args.out)  # no half-written model for the harness to pick up
    print(f"exported {args.model} at {args.batch}x3x{args.size}x{args.size} to {args.out} (opset {args.opset})", flush=True)


if __name__ == "__main__":
    main()
