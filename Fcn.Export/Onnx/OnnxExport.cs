using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Fcn.Dsl.Model;
using Google.Protobuf;
using Onnx;

namespace Fcn.Export.Onnx;

/// <summary>
/// A spec's IR plus its state dict as an ONNX model: opset 17, IR version 8, float32 NCHW, with the
/// batch, height and width left symbolic (<c>batch</c>, <c>height</c>, <c>width</c>) and every crop
/// and resize computed from runtime shapes, so one file serves every input size the spec accepts.
/// The graph inputs are named as the spec's inputs (<c>input</c> for a spec without <c>inputs:</c>; NYUD's
/// <c>color</c> and <c>hha</c>), the outputs as the spec's <c>outputs:</c> keys, the initializers as the
/// state-dict keys. A multi-task spec's outputs each have their own class count (SIFT Flow's sem 33, geo 3).
/// </summary>
public static class OnnxExport
{
    /// <summary>ONNX IR version 8 (ONNX 1.10+) and opset 17: read by every ONNX Runtime since 1.12 and by onnx 1.12's checker.</summary>
    public const long IrVersion = 8;

    public const long Opset = 17;

    /// <summary>Builds the ONNX model in memory (the weights are wrapped, not copied).</summary>
    /// <exception cref="WeightMismatchException">The state dict lacks a weight, has one of another shape, or has keys the spec does not.</exception>
    public static ModelProto Build(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict, OnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var binder = new WeightBinder(stateDict);
        ModelProto proto = Write(model, binder, options ?? new OnnxExportOptions());
        WeightFit fit = binder.Fit;
        if (!fit.IsComplete)
            throw new WeightMismatchException($"The weights do not fit {model.TypeName}: {fit.Missing.Count} missing, {fit.Unexpected.Count} unexpected, {fit.ShapeMismatched.Count} of another shape.", fit);
        return proto;
    }

    /// <summary>Builds the model and writes it to <paramref name="path"/> atomically (a temporary file renamed into place).</summary>
    /// <exception cref="WeightMismatchException">The weights do not fit (nothing is written).</exception>
    /// <exception cref="IOException">The file cannot be written (nothing is left behind).</exception>
    public static void Save(FcnModel model, IReadOnlyDictionary<string, WeightTensor> stateDict, string path, OnnxExportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelProto proto = Build(model, stateDict, options);
        WriteAtomically(path, stream => proto.WriteTo(stream));
    }

    /// <summary>
    /// The state-dict keys and shapes the graph of <paramref name="model"/> reads, in graph order: what a
    /// state dict must hold (PyTorch's <c>num_batches_tracked</c> counters may be there too, unused).
    /// </summary>
    public static IReadOnlyList<(string Key, long[] Shape)> RequiredWeights(FcnModel model, OnnxExportOptions? options = null)
    {
        var binder = new WeightBinder(new Dictionary<string, WeightTensor>());
        Write(model, binder, options ?? new OnnxExportOptions());
        return binder.Requested;
    }

    /// <summary>Writes through a temporary file beside <paramref name="path"/>, renamed over it only once complete (no half-written file, ever).</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                write(stream);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static ModelProto Write(FcnModel model, WeightBinder binder, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ClassCounts classes = ClassCount.Resolve(model, options);
        if (options.FixedSize is { } fixedSize && (fixedSize.Batch < 1 || fixedSize.Height < 1 || fixedSize.Width < 1))
            throw new ArgumentOutOfRangeException(nameof(options), fixedSize, "A fixed input size needs a positive batch, height and width.");
        IReadOnlyDictionary<string, double> parameters = options.Parameters ?? new Dictionary<string, double>();
        foreach (string name in parameters.Keys)
            if (!model.Parameters.Any(parameter => parameter.Name == name))
                throw new ArgumentException($"{model.TypeName} declares no parameter '{name}'.", nameof(options));

        var graph = new GraphProto { Name = model.TypeName, DocString = model.Description ?? "" };
        var builder = new OnnxGraphBuilder(graph, binder);
        // One graph input per spec input (a fusion net's color and hha), named as the spec names it: 'input' without inputs:.
        foreach (Node inputNode in model.InputNodes)
        {
            builder.Reserve(inputNode.Name);
            graph.Input.Add(options.FixedSize is { } size
                ? Tensor(inputNode.Name, Dimension(size.Batch), Dimension(inputNode.Analysis.Channels.Evaluate(classes)), Dimension(size.Height), Dimension(size.Width))
                : Tensor(inputNode.Name, Dimension("batch"), Dimension(inputNode.Analysis.Channels.Evaluate(classes)), Dimension("height"), Dimension("width")));
        }

        foreach (ModelOutput output in model.Outputs) builder.Reserve(output.Name);

        var writer = new OnnxNodeWriter(builder, model, classes, parameters);
        foreach (Node node in model.Nodes) writer.Write(node);

        foreach (ModelOutput output in model.Outputs)
        {
            graph.Node.Add(new NodeProto { OpType = "Identity", Name = output.Name, Input = { writer.ValueOf(output.Node) }, Output = { output.Name } });
            long channels = model.Nodes.First(node => node.Name == output.Node).Analysis.Channels.Evaluate(classes);
            // Height and width follow from the input's through the crops; left unnamed rather than guessed.
            graph.Output.Add(Tensor(output.Name, Dimension("batch"), Dimension(channels), new TensorShapeProto.Types.Dimension(), new TensorShapeProto.Types.Dimension()));
        }

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "FcnDsl",
            ProducerVersion = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            DocString = model.Description ?? "",
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        OnnxMetadata.Write(proto, model, classes, options);
        return proto;
    }

    private static TensorShapeProto.Types.Dimension Dimension(string name) => new() { DimParam = name };

    private static TensorShapeProto.Types.Dimension Dimension(long value) => new() { DimValue = value };

    private static ValueInfoProto Tensor(string name, params TensorShapeProto.Types.Dimension[] dimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dimensions);
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
