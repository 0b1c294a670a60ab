using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Imaging;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Binding;
using Fcn.Runtime.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace Fcn.Runtime.Prediction;

/// <summary>
/// Inference for any generated FCN: whole images, or overlapping tiles whose logits are averaged for
/// images larger than <see cref="PredictionOptions.TileSize"/>. Runs in eval mode under
/// <c>torch.inference_mode</c>.
/// </summary>
public sealed class SegmentationPredictor
{
    private readonly nn.Module _model;
    private readonly ISegmentationModel _segmentation;
    private readonly ImageNormalization _normalization;
    private readonly Device _device;

    /// <summary>Prepares <paramref name="model"/> (an <see cref="nn.Module"/> implementing <see cref="ISegmentationModel"/>).</summary>
    public SegmentationPredictor(nn.Module model, PredictionOptions? options = null)
    {
        _segmentation = SegmentationModels.Require(model, nameof(model));
        Options = options ?? new PredictionOptions();
        if (Options.BatchSize < 1)
        {
            throw new ArgumentException("Batch size must be at least 1.", nameof(options));
        }

        _model = model;
        _normalization = Options.Normalization ?? ImageNormalization.Caffe;
        _device = Options.Device ?? FcnDevice.Default;
        _model.to(_device);
    }

    /// <summary>The options.</summary>
    public PredictionOptions Options { get; }

    /// <summary>Class scores <c>[C, H, W]</c> (on the CPU) for an RGB 0..255 image <c>[3, H, W]</c>.</summary>
    public Tensor PredictLogits(Tensor image)
    {
        using var scope = NewDisposeScope();
        return RunOutputs(() => _normalization.Apply(image.to(ScalarType.Float32).to(_device)))[0].MoveToOuterDisposeScope();
    }

    /// <summary>Class indices <c>[H, W]</c> (int64, CPU) for an RGB 0..255 image <c>[3, H, W]</c>.</summary>
    public Tensor PredictMask(Tensor image)
    {
        using var scope = NewDisposeScope();
        return PredictLogits(image).argmax(0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Class indices <c>[H, W]</c> (int64, CPU) of every head for one sample of named inputs: each model input taken
    /// from the input <paramref name="inputs"/> binds to it (an image normalized by its own convention or the
    /// model's, a log-depth as it is), concatenated in the model's order. Tiles as <see cref="PredictLogits"/> does.
    /// </summary>
    public IReadOnlyList<(string Head, Tensor Mask)> PredictHeadMasks(SegmentationSample inputs, DataBinding binding)
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor> outputs = RunOutputs(() => cat(binding.Inputs.Select(bound =>
        {
            Tensor x = inputs.Input(bound.DataInput).to(ScalarType.Float32).to(_device);
            return bound.Encoding == InputEncoding.Normalized ? x : (bound.Normalization ?? _normalization).Apply(x);
        }).ToArray(), 0));
        return binding.Heads.Select(head => (head.Head, outputs[head.OutputIndex].argmax(0).MoveToOuterDisposeScope())).ToArray();
    }

    /// <summary>
    /// Class indices <c>[H, W]</c> (int64, CPU) of every head (<see cref="FcnModelInfo.Heads"/>) of a single-input
    /// model for an RGB 0..255 image <c>[3, H, W]</c>: SIFT Flow's sem and geo from one forward pass.
    /// </summary>
    public IReadOnlyList<(string Head, Tensor Mask)> PredictHeadMasks(Tensor image)
    {
        using var scope = NewDisposeScope();
        IReadOnlyList<Tensor> outputs = RunOutputs(() => _normalization.Apply(image.to(ScalarType.Float32).to(_device)));
        FcnModelInfo info = _segmentation.Info;
        return info.Heads.Select(head => (head, outputs[info.Outputs.ToList().IndexOf(head)].argmax(0).MoveToOuterDisposeScope())).ToArray();
    }

    /// <summary>Every output's scores <c>[C, H, W]</c> on the CPU for one normalized input <c>[C, H, W]</c>, in eval mode.</summary>
    private IReadOnlyList<Tensor> RunOutputs(Func<Tensor> normalizedInput)
    {
        bool wasTraining = _model.training;
        _model.eval();
        try
        {
            using var inference = inference_mode();
            using var scope = NewDisposeScope();
            Tensor input = normalizedInput();
            int height = (int)input.shape[1], width = (int)input.shape[2];
            IReadOnlyList<Tensor> logits = Options.TileSize is int tile && (height > tile || width > tile)
                ? Tiled(input, tile)
                : _segmentation.ForwardOutputs(input.unsqueeze(0)).Select(output => output.squeeze(0)).ToArray();
            return logits.Select(output => output.cpu().MoveToOuterDisposeScope()).ToArray();
        }
        finally
        {
            _model.train(wasTraining);
        }
    }

    private IReadOnlyList<Tensor> Tiled(Tensor input, int tile)
    {
        int height = (int)input.shape[1], width = (int)input.shape[2];
        IReadOnlyList<(int Top, int Left)> tiles = SlidingWindow.Tiles(height, width, tile, Options.TileOverlap);
        Tensor[]? sums = null;
        Tensor count = zeros(new long[] { 1, height, width }, device: _device);
        // Tiles are cut to the image, so along a side shorter than the tile they are shorter too.
        int tileHeight = Math.Min(tile, height), tileWidth = Math.Min(tile, width);
        foreach ((int Top, int Left)[] group in tiles.Chunk(Options.BatchSize))
        {
            Tensor batch = stack(group.Select(t => input[.., t.Top..(t.Top + tileHeight), t.Left..(t.Left + tileWidth)]));
            IReadOnlyList<Tensor> outputs = _segmentation.ForwardOutputs(batch);
            sums ??= outputs.Select(logits => zeros(new long[] { logits.shape[1], height, width }, device: _device)).ToArray();
            for (int i = 0; i < group.Length; i++)
            {
                (int top, int left) = group[i];
                for (int o = 0; o < outputs.Count; o++) sums[o][.., top..(top + tileHeight), left..(left + tileWidth)].add_(outputs[o][i]);
                count[.., top..(top + tileHeight), left..(left + tileWidth)].add_(1);
            }
        }

        return sums!.Select(sum => sum.div(count)).ToArray();
    }
}
