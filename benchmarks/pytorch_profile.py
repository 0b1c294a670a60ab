"""Where FCN-ResNet50's forward pass spends its time on the CPU: torchvision's fcn_resnet50 (+aux, random
weights), channels-last, eval and inference_mode, 1x3x224x224, profiled over five passes after three warm-ups
with torch.profiler. docs/benchmarks.md quotes the shares of convolution, batch norm and ReLU.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch_profile.py [--threads 2] [--size 224]
"""
import argparse

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--size", type=int, default=224)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = torchvision.models.segmentation.fcn_resnet50(weights=None, weights_backbone=None, aux_loss=True).eval()
    model = model.to(memory_format=torch.channels_last)
    image = torch.randn(1, 3, args.size, args.size)
    with torch.inference_mode():
        for _ in range(3):
            model(image)
        with torch.profiler.profile() as profile:
            for _ in range(5):
                model(image)
    print(profile.key_averages().table(sort_by="self_cpu_time_total", row_limit=12))


if __name__ == "__main__":
    main()
