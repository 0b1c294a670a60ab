"""Runs a module exported by `fcn export --format pytorch` against what the generated TorchSharp class did.

Called by PyTorchEquivalenceTests with one JSON request (argument 1); prints one JSON report. In one
process per model: the fresh model's statistics per state-dict key (its initialization), then the C#
state dict loaded strictly (every key, no extra, same shapes), and the outputs on the C# inputs.
"""

import importlib.util
import json
import sys
import time

import numpy as np
import torch


def load_class(path, name):
    specification = importlib.util.spec_from_file_location("exported", path)
    module = importlib.util.module_from_spec(specification)
    specification.loader.exec_module(module)
    return getattr(module, name)


def read_state_dict(path):
    """torch.load for .pt; safetensors read by hand (Debian has no python3-safetensors): an 8-byte little-endian
    header length, a JSON header {key: {dtype, shape, data_offsets}}, then the raw little-endian tensor bytes
    (the format as huggingface/safetensors documents it)."""
    if not path.endswith(".safetensors"):
        return torch.load(path)
    dtypes = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32}
    with open(path, "rb") as file:
        length = int.from_bytes(file.read(8), "little")
        header = json.loads(file.read(length))
        data = file.read()
    state = {}
    for key, entry in header.items():
        if key == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data, dtype=dtypes[entry["dtype"]], count=(end - begin) // np.dtype(dtypes[entry["dtype"]]).itemsize, offset=begin)
        state[key] = torch.from_numpy(array.reshape(entry["shape"]).copy())
    return state


def statistics(model):
    """mean, std, min and max of every state-dict entry (integer counters as float64)."""
    report = {}
    for key, value in model.state_dict().items():
        x = value.detach() if value.is_floating_point() else value.detach().double()
        report[key] = dict(mean=x.mean().item(), std=x.std(unbiased=False).item(), min=x.min().item(), max=x.max().item())
    return report


def main():
    started = time.time()
    with open(sys.argv[1]) as file:
        request = json.load(file)
    torch.manual_seed(0)
    model = load_class(request["module"], request["class"])()
    report = dict(
        keys=list(model.state_dict().keys()),
        initial=statistics(model),
        requires_grad={name: p.requires_grad for name, p in model.named_parameters()},  # in registration order
    )

    report["seconds_init"] = time.time() - started
    model.load_state_dict(read_state_dict(request["weights"]), strict=True)
    report["seconds_load"] = time.time() - started
    model.eval()
    # forward's inputs by name (color=..., hha=...): a net with several inputs must take them as the C# forward does.
    inputs = {name: torch.from_numpy(np.fromfile(entry["file"], dtype="<f4").reshape(entry["shape"])) for name, entry in request["inputs"].items()}
    with torch.no_grad():
        result = model(**inputs)
    outputs = result if isinstance(result, dict) else {"out": result}
    report["outputs"] = {}
    for name, expected in request["outputs"].items():
        reference = torch.from_numpy(np.fromfile(expected["file"], dtype="<f4").reshape(expected["shape"]))
        actual = outputs[name]
        entry = dict(shape=list(actual.shape), max_ref=reference.abs().max().item())
        if list(actual.shape) == list(reference.shape):
            entry["max_diff"] = (actual - reference).abs().max().item()
        report["outputs"][name] = entry
    report["seconds"] = time.time() - started
    print(json.dumps(report))


if __name__ == "__main__":
    main()
