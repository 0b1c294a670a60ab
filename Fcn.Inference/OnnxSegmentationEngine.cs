using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Imaging;
using Fcn.Imaging.Png;
using Microsoft.ML.OnnxRuntime;

namespace Fcn.Inference;

/// <summary>
/// Segments images with a model exported by <c>fcn export --format onnx</c>, in ONNX Runtime: the
/// input normalized as the model's metadata says, whole images or overlapping tiles whose logits are
/// averaged (Fcn.Runtime's SegmentationPredictor does the same in TorchSharp, with the same
/// <see cref="SlidingWindow"/>), class indices by argmax, then palette masks and overlays
/// (<see cref="PredictionPngs"/>). No TorchSharp, no libtorch.
/// </summary>
/// <remarks>
/// A zoo model may have several named inputs (NYUD's <c>color</c> and <c>hha</c>) and several heads
/// (SIFT Flow's <c>sem</c> and <c>geo</c>): <see cref="PredictOutputs(IReadOnlyDictionary{string, PlanarImage})"/>
/// takes the inputs by name and returns every output by name; the tiles then cut every input at the same place.
/// </remarks>
public sealed class OnnxSegmentationEngine : IDisposable
{
    private readonly InferenceSession session;
    private readonly Dictionary<string, int> inputChannels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InputNormalizer> normalizers = new(StringComparer.Ordinal);
    private readonly string modelPath;

    /// <exception cref="OnnxEngineException">The model cannot be loaded, CUDA is not available, or a single-input model states no normalization and none is given.</exception>
    public OnnxSegmentationEngine(string modelPath, OnnxEngineOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        this.modelPath = modelPath;
        Options = options ?? new OnnxEngineOptions();
        if (Options.BatchSize < 1) throw new ArgumentException("Batch size must be at least 1.", nameof(options));
        if (Options.TileSize is < 2) throw new ArgumentException("A tile is at least 2 pixels wide.", nameof(options));

        using SessionOptions sessionOptions = SessionOptionsFor(Options);
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxEngineException($"{modelPath}: ONNX Runtime cannot load it ({exception.Message.Trim()}).", exception);
        }

        Metadata = ExportedModelMetadata.Read(session.ModelMetadata.CustomMetadataMap);
        InputNames = session.InputNames.ToList();
        OutputNames = session.OutputNames.ToList();
        foreach (string input in InputNames)
        {
            ExportedInput? described = Metadata.Inputs.FirstOrDefault(candidate => candidate.Name == input);
            int[] dimensions = session.InputMetadata[input].Dimensions;
            int channels = dimensions.Length == 4 && dimensions[1] > 0 ? dimensions[1] : described?.Channels ?? 3;
            inputChannels[input] = channels;
            // A given convention is an RGB image's: it applies to the 3-channel inputs, else the export's per input, else its model-wide one.
            InputNormalizer? normalizer = (channels == 3 ? Options.Normalization : null)
                ?? described?.Normalization
                ?? (InputNames.Count == 1 ? Metadata.Normalization : null);
            if (normalizer is not null) normalizers[input] = normalizer;
        }

        if (InputNames.Count == 1 && !normalizers.ContainsKey(InputNames[0]))
            throw Fail($"{modelPath}: the model states no input normalization (it was not exported by fcn export); pass one in the options.");
    }

    public OnnxEngineOptions Options { get; }

    /// <summary>What the export recorded: classes, class names, normalization, the spec, each input and output.</summary>
    public ExportedModelMetadata Metadata { get; }

    /// <summary>The graph's inputs, in order: <c>input</c>, or a fusion net's <c>color</c>, <c>hha</c>...</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The graph's outputs, in order: <c>out</c> (and <c>aux</c>), or a multi-task net's <c>sem</c>, <c>geo</c>.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>
    /// The execution providers this process's ONNX Runtime natives offer (<c>CPUExecutionProvider</c>,
    /// and <c>CUDAExecutionProvider</c> with the GPU package).
    /// </summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>The channels input <paramref name="input"/> takes (3 for an image, 1 for NYUD's depth).</summary>
    public int ChannelsOf(string input) => inputChannels.TryGetValue(input, out int channels) ? channels
        : throw new ArgumentException($"The model has no input '{input}'; its inputs are {string.Join(", ", InputNames)}.", nameof(input));

    /// <summary>An RGB 0..255 image in the convention of input <paramref name="input"/> (the metadata's, or the options').</summary>
    /// <exception cref="OnnxEngineException">The input is not a 3-channel image, or no convention is known for it.</exception>
    public PlanarImage Normalize(string input, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ChannelsOf(input) != 3)
            throw Fail($"Input '{input}' takes {ChannelsOf(input)} channels, not an RGB image: give it as a PlanarImage prepared as the model expects.");
        if (!normalizers.TryGetValue(input, out InputNormalizer? normalizer))
            throw Fail($"{modelPath}: the model states no normalization for input '{input}'; pass one in the options, or give the input as a PlanarImage.");
        var data = new float[3 * image.Width * image.Height];
        normalizer.Apply(image, data);
        return new PlanarImage(3, image.Height, image.Width, data);
    }

    /// <summary>Class scores <c>[C, H, W]</c> (row-major) of the first output for the image; <paramref name="classes"/> is C.</summary>
    public float[] PredictLogits(RgbImage image, out int classes)
    {
        OutputLogits logits = Predict(new[] { (SingleInput(), Normalize(SingleInput(), image)) }, new[] { OutputNames[0] })[OutputNames[0]];
        classes = logits.Classes;
        return logits.Data;
    }

    /// <summary>Class indices of the first output (argmax over the classes, 0..255) as a palette image of the image's size.</summary>
    public IndexedImage PredictMask(RgbImage image) =>
        Predict(new[] { (SingleInput(), Normalize(SingleInput(), image)) }, new[] { OutputNames[0] })[OutputNames[0]].ToMask();

    /// <summary>Every output's class scores for a single-input model's image, by output name.</summary>
    public IReadOnlyDictionary<string, OutputLogits> PredictOutputs(RgbImage image) =>
        Predict(new[] { (SingleInput(), Normalize(SingleInput(), image)) }, OutputNames);

    /// <summary>Every output's class scores, the inputs given by name as RGB 0..255 images, each normalized as its input's metadata says.</summary>
    public IReadOnlyDictionary<string, OutputLogits> PredictOutputs(IReadOnlyDictionary<string, RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return PredictOutputs(images.ToDictionary(image => image.Key, image => Normalize(image.Key, image.Value), StringComparer.Ordinal));
    }

    /// <summary>Every output's class scores, by output name, for the inputs given by name (each C x H x W, all of one height and width).</summary>
    /// <exception cref="ArgumentException">An input is missing, unknown, of the wrong channel count or of another size than the others.</exception>
    public IReadOnlyDictionary<string, OutputLogits> PredictOutputs(IReadOnlyDictionary<string, PlanarImage> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (string given in inputs.Keys)
            if (!inputChannels.ContainsKey(given)) throw new ArgumentException($"The model has no input '{given}'; its inputs are {string.Join(", ", InputNames)}.", nameof(inputs));
        var ordered = new List<(string Name, PlanarImage Image)>();
        foreach (string name in InputNames)
        {
            if (!inputs.TryGetValue(name, out PlanarImage? image))
                throw new ArgumentException($"Input '{name}' is missing; the model takes {string.Join(", ", InputNames.Select(n => n + " (" + inputChannels[n] + " channels)"))}.", nameof(inputs));
            image.Validate(name);
            if (image.Channels != inputChannels[name])
                throw new ArgumentException($"Input '{name}' has {image.Channels} channels; the model takes {inputChannels[name]}.", nameof(inputs));
            if (ordered.Count > 0 && (image.Height != ordered[0].Image.Height || image.Width != ordered[0].Image.Width))
                throw new ArgumentException($"Input '{name}' is {image.Width}x{image.Height}, '{ordered[0].Name}' {ordered[0].Image.Width}x{ordered[0].Image.Height}; every input must have the same size.", nameof(inputs));
            ordered.Add((name, image));
        }

        return Predict(ordered, OutputNames);
    }

    /// <summary>Every output's class indices as palette images, by output name (one mask per head).</summary>
    public IReadOnlyDictionary<string, IndexedImage> PredictMasks(IReadOnlyDictionary<string, PlanarImage> inputs) =>
        PredictOutputs(inputs).ToDictionary(output => output.Key, output => output.Value.ToMask(), StringComparer.Ordinal);

    /// <summary>Every output's class indices for a single-input model's image, by output name.</summary>
    public IReadOnlyDictionary<string, IndexedImage> PredictMasks(RgbImage image) =>
        PredictOutputs(image).ToDictionary(output => output.Key, output => output.Value.ToMask(), StringComparer.Ordinal);

    public void Dispose() => session.Dispose();

    private string SingleInput() => InputNames.Count == 1 ? InputNames[0]
        : throw new ArgumentException($"The model takes {InputNames.Count} inputs ({string.Join(", ", InputNames)}): give them by name (PredictOutputs with a dictionary).");

    /// <summary>The requested outputs for the inputs (in graph order, validated): whole, or in tiles when the options ask and the image is larger.</summary>
    private Dictionary<string, OutputLogits> Predict(IReadOnlyList<(string Name, PlanarImage Image)> inputs, IReadOnlyList<string> outputs)
    {
        int height = inputs[0].Image.Height, width = inputs[0].Image.Width;
        if (Options.TileSize is int tile && (height > tile || width > tile)) return Tiled(inputs, outputs, height, width, tile);

        Dictionary<string, (float[] Data, long[] Shape)> results = Run(inputs.Select(input => (input.Name, input.Image.Channels, input.Image.Data)).ToList(), outputs, 1, height, width);
        return results.ToDictionary(result => result.Key, result => new OutputLogits(result.Key, (int)result.Value.Shape[1], height, width, result.Value.Data), StringComparer.Ordinal);
    }

    private Dictionary<string, OutputLogits> Tiled(IReadOnlyList<(string Name, PlanarImage Image)> inputs, IReadOnlyList<string> outputs, int height, int width, int tile)
    {
        IReadOnlyList<(int Top, int Left)> tiles = SlidingWindow.Tiles(height, width, tile, Options.TileOverlap);
        // Tiles are cut to the image, so along a side shorter than the tile they are shorter too.
        int tileHeight = Math.Min(tile, height), tileWidth = Math.Min(tile, width);
        int tilePlane = tileHeight * tileWidth, plane = height * width;
        var sums = new Dictionary<string, (float[] Sum, int Classes)>(StringComparer.Ordinal);
        var count = new float[plane];
        foreach ((int Top, int Left)[] group in tiles.Chunk(Options.BatchSize))
        {
            var batches = new List<(string Name, int Channels, float[] Data)>(inputs.Count);
            foreach ((string name, PlanarImage image) in inputs)
            {
                int channels = image.Channels;
                var batch = new float[group.Length * channels * tilePlane];
                for (int i = 0; i < group.Length; i++)
                    for (int c = 0; c < channels; c++)
                        for (int y = 0; y < tileHeight; y++)
                            Array.Copy(image.Data, c * plane + (group[i].Top + y) * width + group[i].Left, batch, ((i * channels) + c) * tilePlane + y * tileWidth, tileWidth);
                batches.Add((name, channels, batch));
            }

            Dictionary<string, (float[] Data, long[] Shape)> results = Run(batches, outputs, group.Length, tileHeight, tileWidth);
            foreach (string output in outputs)
            {
                (float[] logits, long[] shape) = results[output];
                int classes = (int)shape[1];
                if (!sums.TryGetValue(output, out var accumulated)) sums[output] = accumulated = (new float[classes * plane], classes);
                float[] sum = accumulated.Sum;
                for (int i = 0; i < group.Length; i++)
                {
                    (int top, int left) = group[i];
                    for (int y = 0; y < tileHeight; y++)
                        for (int c = 0; c < classes; c++)
                            for (int x = 0; x < tileWidth; x++)
                                sum[c * plane + (top + y) * width + left + x] += logits[((i * classes) + c) * tilePlane + y * tileWidth + x];
                }
            }

            foreach ((int top, int left) in group)
                for (int y = 0; y < tileHeight; y++)
                    for (int x = 0; x < tileWidth; x++) count[(top + y) * width + left + x] += 1;
        }

        var averaged = new Dictionary<string, OutputLogits>(StringComparer.Ordinal);
        foreach (var (output, (sum, classes)) in sums)
        {
            for (int c = 0; c < classes; c++)
                for (int p = 0; p < plane; p++) sum[c * plane + p] /= count[p];
            averaged[output] = new OutputLogits(output, classes, height, width, sum);
        }

        return averaged;
    }

    private Dictionary<string, (float[] Data, long[] Shape)> Run(IReadOnlyList<(string Name, int Channels, float[] Data)> inputs, IReadOnlyList<string> outputs, int batch, int height, int width)
    {
        var values = inputs.Select(input => OrtValue.CreateTensorValueFromMemory(input.Data, new long[] { batch, input.Channels, height, width })).ToList();
        using var runOptions = new RunOptions();
        try
        {
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, inputs.Select(input => input.Name).ToList(), values, outputs);
            var byName = new Dictionary<string, (float[] Data, long[] Shape)>(StringComparer.Ordinal);
            for (int i = 0; i < outputs.Count; i++)
            {
                long[] shape = results[i].GetTensorTypeAndShape().Shape;
                if (shape.Length != 4 || shape[2] != height || shape[3] != width)
                    throw Fail($"The model's output '{outputs[i]}' is [{string.Join(", ", shape)}] for a {height}x{width} input; a segmentation export gives [N, C, {height}, {width}].");
                byName[outputs[i]] = (results[i].GetTensorDataAsSpan<float>().ToArray(), shape);
            }

            return byName;
        }
        catch (OnnxRuntimeException exception)
        {
            throw new OnnxEngineException($"ONNX Runtime cannot run the model on a {width}x{height} input ({exception.Message.Trim()}); the network may need a larger image.", exception);
        }
        finally
        {
            foreach (OrtValue value in values) value.Dispose();
        }
    }

    private static SessionOptions SessionOptionsFor(OnnxEngineOptions options)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.Threads,
        };
        if (!options.SpinWhileIdle) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (options.Provider == OnnxExecutionProvider.Cuda)
        {
            if (!AvailableProviders().Contains("CUDAExecutionProvider"))
            {
                sessionOptions.Dispose();
                throw Fail("CUDA was asked for, but this ONNX Runtime has no CUDA execution provider: reference Microsoft.ML.OnnxRuntime.Gpu.Linux "
                    + "(needs CUDA 12 and cuDNN 9) instead of Microsoft.ML.OnnxRuntime, or run on the CPU.");
            }

            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDevice);
        }

        return sessionOptions;
    }

    private static OnnxEngineException Fail(string message) => new(message);
}
