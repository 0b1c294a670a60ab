"""Trains a module exported by `fcn export --format pytorch` with DistributedDataParallel.

One generic script for every exported model: the recipe does not depend on the spec, so it is written
once, next to the module, and takes the module's path. Start it with torchrun, which sets RANK,
WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT (or set them yourself, one process per rank):

    torchrun --standalone --nproc_per_node=2 train_ddp.py --module tiny_fcn8s.py \\
        --data folder:data/shapes --epochs 8 --batch 4 --lr 0.1 --normalization torchvision --out runs/ddp

Without those variables it trains in a single process. gloo on CPUs, nccl on GPUs (one per process,
chosen by LOCAL_RANK). The recipe follows `fcn train` (Fcn.Runtime's SegmentationTrainer): per-pixel
softmax cross-entropy with 255 ignored, optional class weights and loss sampling, mean or sum, SGD with
momentum (torchvision's poly schedule or the paper's fixed rate, biases at 2x without decay), auxiliary
outputs weighted. Rank 0 writes last.pt after every epoch: a plain state dict that
`fcn eval --weights last.pt` and `fcn predict --weights last.pt` read as they are.

The zoo's nets train too, as `fcn train` trains them: a net with several inputs (NYUD's color and depth or HHA)
reads NYUD's layout (--data nyud:<root>: color/, depth/ 16-bit, hha/, labels/), each input by its name, depth
log-normalized as the Caffe reference's nyud_layers.py does; a net with several heads (SIFT Flow's sem and geo,
its classes_<head> arguments) sums each head's loss times its --head-weight, each head ignoring its own
--void-label, against labels/<head>/.
"""

import argparse
import contextlib
import importlib.util
import inspect
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset, DistributedSampler

IGNORE_LABEL = 255
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png")

# Fcn.Runtime's NyudInputs and LogDepth (nyud_layers.py in shelhamer/fcn.berkeleyvision.org): HHA is BGR minus its
# own mean; depth is log(depth) minus the mean log depth, a missing 0 read as 1.
HHA_NORMALIZATION = dict(bgr=True, scale=1.0, mean=(132.431, 94.076, 118.477), std=(1.0, 1.0, 1.0))
MEAN_LOG_DEPTH = 7.844

# Fcn.Runtime's ImageNormalization: Caffe's (BGR, 0..255, ImageNet BGR mean) and torchvision's (RGB, mean/std).
NORMALIZATIONS = {
    "caffe": dict(bgr=True, scale=1.0, mean=(104.00699, 116.66877, 122.67892), std=(1.0, 1.0, 1.0)),
    "torchvision": dict(bgr=False, scale=1.0 / 255.0, mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225)),
}

# Fcn.Runtime's SgdOptions.TorchVision and SgdOptions.Paper.
SOLVERS = {
    "torchvision": dict(momentum=0.9, weight_decay=1e-4, bias_lr=1.0, bias_decay=True, poly=True),
    "paper": dict(momentum=0.99, weight_decay=5e-4, bias_lr=2.0, bias_decay=False, poly=False),
}
POLY_POWER = 0.9


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--module", required=True, help="the .py file that `fcn export --format pytorch` wrote")
    parser.add_argument("--model", help="the class to train (default: the module's only nn.Module)")
    parser.add_argument("--data", required=True, help="folder:<root> (images/ and masks/, or train/ and val/ holding both), voc:<root>, "
                        "or nyud:<root> (color/, depth/ or hha/, labels/ or labels/<head>/; or train/ and val/ holding them)")
    parser.add_argument("--out", required=True, help="folder for last.pt")
    parser.add_argument("--classes", type=int, help="classes to predict (default: the model's)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--max-steps", type=int, help="stop after this many optimizer steps (the schedule still spans all epochs)")
    parser.add_argument("--batch", type=int, default=1, help="images per forward pass in each process")
    parser.add_argument("--accumulate", type=int, default=1, help="batches whose gradients are summed before each step")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--solver", choices=sorted(SOLVERS), default="torchvision")
    parser.add_argument("--loss", choices=["mean", "sum"], default="mean")
    parser.add_argument("--class-weights", help="one weight per class, comma-separated")
    parser.add_argument("--loss-sampling", type=float, default=1.0, help="fraction of valid pixels whose loss terms are kept")
    parser.add_argument("--aux-weight", type=float, default=0.5, help="weight of each auxiliary output's loss")
    parser.add_argument("--head-weight", action="append", default=[], help="HEAD=W: the factor of a head's loss (default 1; repeatable)")
    parser.add_argument("--void-label", action="append", default=[], help="HEAD=N: a head's void label (default 255; repeatable)")
    parser.add_argument("--labels", action="append", default=[], help="HEAD=LABEL: train a head on labels/LABEL/ (default: labels/HEAD/, or labels/ for one head)")
    parser.add_argument("--normalization", choices=sorted(NORMALIZATIONS), default="caffe",
                        help="input convention; use the one `fcn eval` uses for the model (its --normalization)")
    parser.add_argument("--weights", help="a state dict to start from (.pt, e.g. from StateDictFile.Write)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0, help="data loader processes per rank")
    parser.add_argument("--threads", type=int, help="CPU threads per process (default: torch's; give cores / processes when they share a machine)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--replica-checkpoints", action="store_true",
                        help="every rank also writes its final weights as replica-<rank>.pt (to check that the replicas agree)")
    arguments = parser.parse_args(argv)
    if not 0 < arguments.loss_sampling <= 1:
        parser.error(f"--loss-sampling {arguments.loss_sampling}: keep a fraction of the loss terms in (0, 1]")
    for name in ("epochs", "batch", "accumulate"):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return arguments


# --- data: the layouts Fcn.Runtime reads (Data/Folder, Data/Voc) -------------------------------------------------

class SegmentationFiles(Dataset):
    """(image, mask) file pairs; an image is RGB, a mask a palette or grey PNG whose values are class indices (255 void)."""

    def __init__(self, pairs, normalization):
        self.pairs = pairs
        self.normalization = NORMALIZATIONS[normalization]

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        image_path, mask_path = self.pairs[index]
        with Image.open(mask_path) as mask_file:
            if mask_file.mode not in ("P", "L"):
                raise ValueError(f"{mask_path}: a mask is a palette or 8-bit grey PNG of class indices, not {mask_file.mode}")
            mask = torch.from_numpy(np.array(mask_file, dtype=np.int64))
        with Image.open(image_path) as image_file:
            rgb = np.array(image_file.convert("RGB"), dtype=np.float32)
        if rgb.shape[:2] != tuple(mask.shape):
            raise ValueError(f"{mask_path}: mask is {mask.shape[1]}x{mask.shape[0]} but image is {rgb.shape[1]}x{rgb.shape[0]}")
        return self.normalize(torch.from_numpy(rgb).permute(2, 0, 1)), mask

    def normalize(self, rgb):
        return normalize(rgb, self.normalization)


def folder_pairs(folder):
    """Fcn.Runtime's ImageMaskFolderDataset: images/*.{jpg,jpeg,png} in ordinal name order, masks/<stem>.png."""
    images, masks = os.path.join(folder, "images"), os.path.join(folder, "masks")
    if not (os.path.isdir(images) and os.path.isdir(masks)):
        raise SystemExit(f"{folder}: expected the folders images/ and masks/ (label PNGs with the images' names) inside it")
    names = sorted(name for name in os.listdir(images) if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS)
    return [(os.path.join(images, name), os.path.join(masks, os.path.splitext(name)[0] + ".png")) for name in names]


def voc_pairs(root, split):
    """PASCAL VOC / SBD: ImageSets/Segmentation/<split>.txt, JPEGImages/<id>.jpg, SegmentationClass/<id>.png."""
    listing = os.path.join(root, "ImageSets", "Segmentation", split + ".txt")
    if not os.path.isfile(listing):
        raise SystemExit(f"{listing}: VOC split list not found")
    with open(listing) as lines:
        ids = [line.strip() for line in lines if line.strip()]
    return [(os.path.join(root, "JPEGImages", i + ".jpg"), os.path.join(root, "SegmentationClass", i + ".png")) for i in ids]


def training_pairs(data):
    """The training split of --data, as `fcn train --data` reads it."""
    kind, _, root = data.partition(":")
    if kind not in ("folder", "voc") or not root:
        raise SystemExit(f"--data '{data}': use folder:<root> or voc:<root>")
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: no such folder (from --data {data})")
    if kind == "voc":
        return voc_pairs(root, "train")
    has_splits = os.path.isdir(os.path.join(root, "train")) and os.path.isdir(os.path.join(root, "val"))
    return folder_pairs(os.path.join(root, "train") if has_splits else root)


class NyudFiles(Dataset):
    """Fcn.Runtime's MultiInputFolderDataset: NYUD's layout, files matched by the stems of color/, one tensor per model
    input (by its name: color, depth or hha) and one mask per head (labels/<label>/<stem>.png, or labels/<stem>.png)."""

    def __init__(self, folder, inputs, label_folders, normalization):
        color = os.path.join(folder, "color")
        if not os.path.isdir(color):
            raise SystemExit(f"{folder}: NYUD's layout needs color/ (and depth/ or hha/, and labels/)")
        have = [name for name in ("color", "depth", "hha") if os.path.isdir(os.path.join(folder, name))]
        missing = [name for name in inputs if name not in have]
        if missing:
            raise SystemExit(f"{folder}: the model reads {', '.join(inputs)} but the folder has {', '.join(have)}: no {', '.join(m + '/' for m in missing)}")
        self.folder, self.inputs, self.label_folders = folder, inputs, label_folders
        self.normalization = NORMALIZATIONS[normalization]
        self.names = sorted(os.path.splitext(name)[0] for name in os.listdir(color) if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS)
        self.color_files = {os.path.splitext(name)[0]: name for name in os.listdir(color)}

    def __len__(self):
        return len(self.names)

    def __getitem__(self, index):
        name = self.names[index]
        tensors = []
        for input_name in self.inputs:
            path = os.path.join(self.folder, "color", self.color_files[name]) if input_name == "color" else os.path.join(self.folder, input_name, name + ".png")
            with Image.open(path) as file:
                if input_name == "depth":
                    depth = np.maximum(np.array(file, dtype=np.float32), 1.0)
                    tensors.append(torch.from_numpy(np.log(depth) - MEAN_LOG_DEPTH).unsqueeze(0))
                    continue
                rgb = torch.from_numpy(np.array(file.convert("RGB"), dtype=np.float32)).permute(2, 0, 1)
            tensors.append(normalize(rgb, HHA_NORMALIZATION if input_name == "hha" else self.normalization))
        masks = []
        for label_folder in self.label_folders:
            with Image.open(os.path.join(label_folder, name + ".png")) as mask_file:
                masks.append(torch.from_numpy(np.array(mask_file, dtype=np.int64)))
        return tensors, masks


def normalize(rgb, n):
    x = rgb.flip(0) if n["bgr"] else rgb
    return (x * n["scale"] - torch.tensor(n["mean"]).view(3, 1, 1)) / torch.tensor(n["std"]).view(3, 1, 1)


def nyud_folder(data):
    """The training split of --data nyud:<root>."""
    root = data.partition(":")[2]
    if not os.path.isdir(root):
        raise SystemExit(f"{root}: no such folder (from --data {data})")
    has_splits = os.path.isdir(os.path.join(root, "train")) and os.path.isdir(os.path.join(root, "val"))
    return os.path.join(root, "train") if has_splits else root


def label_folders(folder, heads, mapping):
    """labels/<label>/ for each head (its own name unless --labels maps it), or labels/ itself for a single head."""
    labels = os.path.join(folder, "labels")
    subfolders = sorted(name for name in os.listdir(labels) if os.path.isdir(os.path.join(labels, name))) if os.path.isdir(labels) else []
    if len(heads) == 1 and heads[0] not in mapping and not subfolders:
        return [labels]
    chosen = [mapping.get(head, head) for head in heads]
    missing = [label for label in chosen if label not in subfolders]
    if missing:
        raise SystemExit(f"{folder}: the heads {', '.join(heads)} train on labels/{', labels/'.join(chosen)}/ but labels/ holds "
                         f"{', '.join(subfolders) or 'no folders'}; map a head with --labels HEAD=LABEL")
    return [os.path.join(labels, label) for label in chosen]


def pad_and_stack_named(void_labels):
    """pad_and_stack for several inputs and one mask per head: inputs padded with 0, each mask with its head's void label."""
    def collate(samples):
        height = max(masks[0].shape[0] for _, masks in samples)
        width = max(masks[0].shape[1] for _, masks in samples)
        pad = lambda t: (0, width - t.shape[-1], 0, height - t.shape[-2])
        inputs = [torch.stack([F.pad(sample[0][i], pad(sample[0][i]), value=0.0) for sample in samples]) for i in range(len(samples[0][0]))]
        masks = [torch.stack([F.pad(sample[1][h], pad(sample[1][h]), value=void) for sample in samples]) for h, void in enumerate(void_labels)]
        return inputs, masks
    return collate


def pad_and_stack(samples):
    """Fcn.Runtime's BatchCollator: pad at the bottom and right, images with 0 and masks with 255 (void)."""
    height = max(image.shape[1] for image, _ in samples)
    width = max(image.shape[2] for image, _ in samples)
    images = [F.pad(image, (0, width - image.shape[2], 0, height - image.shape[1]), value=0.0) for image, _ in samples]
    masks = [F.pad(mask, (0, width - mask.shape[1], 0, height - mask.shape[0]), value=IGNORE_LABEL) for _, mask in samples]
    return torch.stack(images), torch.stack(masks)


# --- model, loss, optimizer --------------------------------------------------------------------------------------

def load_model_class(path, name):
    specification = importlib.util.spec_from_file_location("exported_fcn", path)
    if specification is None:
        raise SystemExit(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(specification)
    specification.loader.exec_module(module)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if issubclass(c, nn.Module) and c.__module__ == module.__name__]
    if name is not None:
        chosen = [c for c in classes if c.__name__ == name]
        if not chosen:
            raise SystemExit(f"{path}: defines no model '{name}'; it defines {', '.join(c.__name__ for c in classes)}")
        return chosen[0]
    if len(classes) != 1:
        raise SystemExit(f"{path}: defines {len(classes)} models; pick one with --model")
    return classes[0]


def model_inputs(model_class):
    """The names forward takes, in order: x alone for a single-input net, the spec's inputs (color, depth) otherwise."""
    return [name for name in inspect.signature(model_class.forward).parameters if name != "self"]


def model_heads(model_class):
    """The heads of a multi-task net (its classes_<head> arguments: SIFT Flow's sem, geo), or [] for a single-task one."""
    return [name[len("classes_"):] for name in inspect.signature(model_class).parameters if name.startswith("classes_")]


def parse_pairs(values, option, convert):
    pairs = {}
    for value in values:
        for item in value.split(","):
            key, equals, text = item.partition("=")
            if not key or not equals or not text:
                raise SystemExit(f"{option} '{item}': write HEAD=VALUE")
            try:
                pairs[key] = convert(text)
            except ValueError:
                raise SystemExit(f"{option} '{item}': '{text}' is not a number") from None
    return pairs


class SegmentationLoss:
    """Fcn.Runtime's SegmentationLoss: w[t] * -log softmax(x)[t] over valid (and sampled) pixels, summed or weighted-mean."""

    def __init__(self, reduction, class_weights, sample_fraction, device, ignore_label=IGNORE_LABEL):
        self.reduction = reduction
        self.ignore_label = ignore_label
        self.weight = None if class_weights is None else torch.tensor(class_weights, dtype=torch.float32, device=device)
        self.sample_fraction = sample_fraction

    def __call__(self, logits, target, generator):
        per_pixel = F.cross_entropy(logits, target, weight=self.weight, ignore_index=self.ignore_label, reduction="none")
        kept = target.ne(self.ignore_label)
        if self.sample_fraction < 1:
            # Loss sampling (paper, section 3.4): each valid pixel's term is kept with this probability.
            draw = torch.rand(target.shape, generator=generator).to(target.device)
            kept = kept & (draw < self.sample_fraction)
        kept = kept.to(logits.dtype)
        total = (per_pixel * kept).sum()
        if self.reduction == "sum":
            return total
        pixel_weights = kept if self.weight is None else self.weight[target.clamp(0, logits.shape[1] - 1)] * kept
        return total / pixel_weights.sum().clamp_min(1e-12)


def parse_class_weights(text, classes):
    if text is None:
        return None
    weights = [float(part) for part in text.split(",")]
    if len(weights) != classes or any(w < 0 for w in weights) or not any(w > 0 for w in weights):
        raise SystemExit(f"--class-weights '{text}': give {classes} non-negative numbers, at least one positive")
    return weights


def sgd(model, learning_rate, solver):
    """torch.optim.SGD's update is Fcn.Runtime's MomentumSgd's (d = g + wd p; v = m v + d; p -= lr v), with biases grouped apart."""
    settings = SOLVERS[solver]
    weights, biases = [], []
    for name, parameter in model.named_parameters():
        if parameter.requires_grad:  # frozen bilinear upsampling is not optimized
            (biases if name == "bias" or name.endswith(".bias") else weights).append(parameter)
    groups = [dict(params=weights, lr_multiplier=1.0, weight_decay=settings["weight_decay"]),
              dict(params=biases, lr_multiplier=settings["bias_lr"], weight_decay=settings["weight_decay"] if settings["bias_decay"] else 0.0)]
    groups = [group for group in groups if group["params"]]
    for group in groups:
        group["lr"] = learning_rate * group["lr_multiplier"]
    return torch.optim.SGD(groups, lr=learning_rate, momentum=settings["momentum"]), settings["poly"]


def outputs_of(result):
    """The main output first, then the auxiliary ones: one tensor, or the exported module's dict keyed by output names."""
    if isinstance(result, dict):
        return [result["out"]] + [value for key, value in result.items() if key != "out"]
    return [result]


def save_atomically(state, path):
    """Readers see the old file or the new one, never half of one: write beside it, then rename."""
    temporary = path + ".tmp"
    torch.save(state, temporary)
    os.replace(temporary, path)


# --- the run -----------------------------------------------------------------------------------------------------

def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.threads:
        torch.set_num_threads(arguments.threads)
    distributed = "WORLD_SIZE" in os.environ
    rank = int(os.environ.get("RANK", 0))
    world_size = int(os.environ.get("WORLD_SIZE", 1))
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    use_cuda = arguments.device == "cuda" or (arguments.device == "auto" and torch.cuda.is_available())
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    if distributed:
        # env:// reads MASTER_ADDR, MASTER_PORT, RANK and WORLD_SIZE, as torchrun sets them.
        dist.init_process_group("nccl" if use_cuda else "gloo")

    torch.manual_seed(arguments.seed)  # the same initial weights on every rank (DDP also broadcasts rank 0's)
    model_class = load_model_class(arguments.module, arguments.model)
    inputs, heads = model_inputs(model_class), model_heads(model_class)
    named = arguments.data.startswith("nyud:")
    if len(inputs) > 1 and not named:
        raise SystemExit(f"{arguments.module}: {model_class.__name__} takes {len(inputs)} inputs ({', '.join(inputs)}); "
                         "give their images in NYUD's layout with --data nyud:<root> (color/, depth/ or hha/, labels/)")
    if heads and arguments.classes:
        raise SystemExit(f"--classes: {model_class.__name__} has a class count per head ({', '.join(heads)}); it trains at its spec's counts")
    if heads:
        classes = inspect.signature(model_class).parameters["classes_" + heads[0]].default
        model = model_class().to(device)
    else:
        classes = arguments.classes or inspect.signature(model_class).parameters["classes"].default
        model = model_class(classes=classes).to(device)
    head_names = heads or ["out"]
    head_weights = parse_pairs(arguments.head_weight, "--head-weight", float)
    void_labels = parse_pairs(arguments.void_label, "--void-label", int)
    label_map = parse_pairs(arguments.labels, "--labels", str)
    for key in list(head_weights) + list(void_labels) + list(label_map):
        if key not in head_names:
            raise SystemExit(f"{model_class.__name__} has no head '{key}'; its heads are {', '.join(head_names)}")
    if arguments.weights:
        model.load_state_dict(torch.load(arguments.weights, map_location=device), strict=True)
    network = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if use_cuda else None) if distributed else model

    if named:
        # A single-input net in NYUD's layout reads color (or hha, for NyudFcn32sHha: its input's name).
        folder = nyud_folder(arguments.data)
        dataset = NyudFiles(folder, inputs if inputs != ["input"] else ["color"], label_folders(folder, head_names, label_map), arguments.normalization)
        collate = pad_and_stack_named([void_labels.get(head, IGNORE_LABEL) for head in head_names])
    else:
        dataset = SegmentationFiles(training_pairs(arguments.data), arguments.normalization)
        collate = pad_and_stack
    if len(dataset) == 0:
        raise SystemExit(f"--data {arguments.data}: no images found")
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=arguments.seed)
    loader = DataLoader(dataset, batch_size=arguments.batch, sampler=sampler, num_workers=arguments.workers,
                        collate_fn=collate, pin_memory=use_cuda)

    class_weights = parse_class_weights(arguments.class_weights, classes)
    loss_function = SegmentationLoss(arguments.loss, class_weights, arguments.loss_sampling, device, void_labels.get(head_names[0], IGNORE_LABEL))
    # Fcn.Runtime's MultiTaskLoss: every head its own void label; the class weights are the main head's only.
    head_losses = [loss_function] + [SegmentationLoss(arguments.loss, None, arguments.loss_sampling, device, void_labels.get(head, IGNORE_LABEL))
                                     for head in head_names[1:]]
    optimizer, poly = sgd(model, arguments.lr, arguments.solver)
    steps_per_epoch = math.ceil(len(loader) / arguments.accumulate)
    total_steps = steps_per_epoch * arguments.epochs
    # DDP averages gradients over the ranks: that is the mean loss of the global batch, but a summed loss
    # would shrink by the world size, so the sum is scaled back to the sum over the global batch.
    scale = world_size if arguments.loss == "sum" else 1
    sampling = torch.Generator().manual_seed(arguments.seed * 1000003 + rank)
    os.makedirs(arguments.out, exist_ok=True)
    if rank == 0:
        print(json.dumps(dict(event="start", model=model_class.__name__, classes=classes, inputs=inputs, heads=head_names, world_size=world_size,
                              backend=dist.get_backend() if distributed else None, device=str(device),
                              images=len(dataset), steps=total_steps)), flush=True)

    step, started = 0, time.time()
    network.train()
    for epoch in range(arguments.epochs):
        sampler.set_epoch(epoch)
        losses = []
        for index, (images, masks) in enumerate(loader):
            images = [t.to(device, non_blocking=True) for t in images] if named else [images.to(device, non_blocking=True)]
            masks = [t.to(device, non_blocking=True) for t in masks] if named else [masks.to(device, non_blocking=True)]
            last_of_step = (index + 1) % arguments.accumulate == 0 or index + 1 == len(loader)
            # Gradients are all-reduced once per optimizer step, not after every accumulated batch.
            context = network.no_sync() if distributed and not last_of_step else contextlib.nullcontext()
            with context:
                result = network(*images)
                if heads:
                    # The sum over heads of weight x that head's loss; outputs that are no head are auxiliary.
                    loss = sum(head_weights.get(head, 1.0) * head_losses[h](result[head], masks[h], sampling) for h, head in enumerate(heads))
                    for key in (key for key in result if key not in heads):
                        loss = loss + arguments.aux_weight * loss_function(result[key], masks[0], sampling)
                else:
                    outputs = outputs_of(result)
                    loss = loss_function(outputs[0], masks[0], sampling)
                    for auxiliary in outputs[1:]:
                        loss = loss + arguments.aux_weight * loss_function(auxiliary, masks[0], sampling)
                (loss * scale / arguments.accumulate).backward()
            losses.append(loss.item())
            if not last_of_step:
                continue
            factor = (1 - step / max(1, total_steps)) ** POLY_POWER if poly else 1.0
            for group in optimizer.param_groups:
                group["lr"] = arguments.lr * group["lr_multiplier"] * factor
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if arguments.max_steps is not None and step >= arguments.max_steps:
                break
        if rank == 0:
            save_atomically(model.state_dict(), os.path.join(arguments.out, "last.pt"))
            print(json.dumps(dict(event="epoch", epoch=epoch + 1, epochs=arguments.epochs, step=step, loss=sum(losses) / max(1, len(losses)),
                                  seconds=round(time.time() - started, 1))), flush=True)
        if arguments.max_steps is not None and step >= arguments.max_steps:
            break

    if arguments.replica_checkpoints:
        save_atomically(model.state_dict(), os.path.join(arguments.out, f"replica-{rank}.pt"))
    if distributed:
        dist.barrier()
        dist.destroy_process_group()
    if rank == 0:
        print(json.dumps(dict(event="done", steps=step, checkpoint=os.path.join(arguments.out, "last.pt"),
                              seconds=round(time.time() - started, 1))), flush=True)


if __name__ == "__main__":
    main()
