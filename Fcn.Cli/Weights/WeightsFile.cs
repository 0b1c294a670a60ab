using System;
using System.IO;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Training.Checkpoints;
using Fcn.Runtime.Training.Optimization;
using Fcn.Runtime.Weights;
using static TorchSharp.torch;

namespace Fcn.Cli.Weights;

/// <summary>
/// Loads <c>--weights</c> into a model: a training checkpoint (<c>.ckpt</c>, written by <c>fcn train</c>)
/// or a state dict (<c>.pt</c>/<c>.pth</c> from <c>torch.save</c>, or <c>.safetensors</c>), matched by key.
/// </summary>
internal static class WeightsFile
{
    public const string CheckpointExtension = ".ckpt";

    /// <summary>Loads <paramref name="path"/>; warns on <paramref name="terminal"/> about keys that did not fit.</summary>
    /// <exception cref="UserError">The file is missing, or none of its tensors fit the model.</exception>
    public static void LoadInto(nn.Module model, string modelName, string path, Terminal terminal, bool verbose)
    {
        if (!File.Exists(path))
            throw new UserError($"{path}: no such weights file; pass a checkpoint from 'fcn train' (last.ckpt, best.ckpt) or a .pt/.safetensors state dict.");

        if (string.Equals(Path.GetExtension(path), CheckpointExtension, StringComparison.OrdinalIgnoreCase))
        {
            // The checkpoint also holds the optimizer's momentum: read it into a throwaway optimizer.
            using var optimizer = new MomentumSgd(model.named_parameters(), new SgdOptions(LearningRate: 0));
            CheckpointFile.Load(path, model, optimizer);
            return;
        }

        WeightLoadReport report = WeightLoader.LoadFile(model, path);
        if (report.Loaded.Count == 0)
            throw new UserError($"{path}: none of its {report.Unexpected.Count + report.ShapeMismatched.Count} tensors fit {modelName}; are these weights for another model?");
        if (!report.IsComplete)
        {
            terminal.Error.WriteLine($"fcn: warning: {path}: loaded {report.Loaded.Count} tensors; {report.Missing.Count} missing, "
                + $"{report.Unexpected.Count} unexpected, {report.ShapeMismatched.Count} of another shape" + (verbose ? ":" : " (--verbose lists them)."));
            if (verbose) terminal.Error.Write(report.ToTable());
        }
    }
}
