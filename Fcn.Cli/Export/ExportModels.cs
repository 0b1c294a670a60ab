using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Cli.Models;
using Fcn.Dsl.Model;
using Fcn.Export.Onnx;
using Fcn.Runtime;
using Fcn.Runtime.Data.Transforms;
using static TorchSharp.torch;

namespace Fcn.Cli.Export;

/// <summary>
/// A generated model <c>fcn export</c> can build for a spec of the same name: its description, the input
/// conventions its weights expect (one per spec input) and a factory taking every class count the
/// constructor takes (a multi-task net's per head).
/// </summary>
internal sealed record ExportModel(FcnModelInfo Info, IReadOnlyDictionary<string, InputNormalization> Inputs, Func<ClassCounts, nn.Module> Create)
{
    public string Name => Info.Name;
}

/// <summary>
/// The models <c>fcn export</c> initializes without <c>--weights</c> or loads a checkpoint into: the
/// catalogue (<see cref="BuiltInModels"/>, one input, one class count) and the reference zoo
/// (examples/specs nyud-*, siftflow-*, pascalcontext-*, compiled into the tool like the catalogue): fusion nets
/// with several named inputs, multi-task nets with a class count per head.
/// </summary>
/// <remarks>
/// Input conventions of the zoo, from the data layers of shelhamer/fcn.berkeleyvision.org (nyud_layers.py,
/// siftflow_layers.py, pascalcontext_layers.py): images in BGR, 0..255, the dataset's mean subtracted, as Caffe's.
/// NYUD's depth is log(depth) minus 7.844, not an affine map of an 8-bit image: it gets no convention, and a
/// client prepares it. The zoo has no class names in this repository; none are written.
/// </remarks>
internal static class ExportModels
{
    private static readonly InputNormalization VocMean = From(ImageNormalization.Caffe);
    private static readonly InputNormalization NyudColor = Caffe(116.190, 97.203, 92.318);
    private static readonly InputNormalization NyudHha = Caffe(132.431, 94.076, 118.477);
    private static readonly InputNormalization SiftFlowColor = Caffe(114.578, 115.294, 108.353);

    private static IReadOnlyList<ExportModel> Zoo { get; } = new[]
    {
        Model(NyudFcn32sColor.Description, counts => new NyudFcn32sColor(counts.Default), ("color", NyudColor)),
        Model(NyudFcn32sHha.Description, counts => new NyudFcn32sHha(counts.Default), ("hha", NyudHha)),
        Model(NyudFcn32sColorD.Description, counts => new NyudFcn32sColorD(counts.Default), ("color", NyudColor)),
        Model(NyudFcn32sColorHha.Description, counts => new NyudFcn32sColorHha(counts.Default), ("color", NyudColor), ("hha", NyudHha)),
        Model(SiftFlowFcn32s.Description, counts => new SiftFlowFcn32s(counts.Of("sem"), counts.Of("geo")), ("input", SiftFlowColor)),
        Model(SiftFlowFcn16s.Description, counts => new SiftFlowFcn16s(counts.Of("sem"), counts.Of("geo")), ("input", SiftFlowColor)),
        Model(SiftFlowFcn8s.Description, counts => new SiftFlowFcn8s(counts.Of("sem"), counts.Of("geo")), ("input", SiftFlowColor)),
        Model(PascalContextFcn32s.Description, counts => new PascalContextFcn32s(counts.Default), ("input", VocMean)),
        Model(PascalContextFcn16s.Description, counts => new PascalContextFcn16s(counts.Default), ("input", VocMean)),
        Model(PascalContextFcn8s.Description, counts => new PascalContextFcn8s(counts.Default), ("input", VocMean)),
    };

    /// <summary>The model named <paramref name="name"/> (case-insensitive): the zoo's, else the catalogue's; or null.</summary>
    public static ExportModel? Find(string name)
    {
        ExportModel? zoo = Zoo.FirstOrDefault(model => string.Equals(model.Name, name, StringComparison.OrdinalIgnoreCase));
        if (zoo is not null) return zoo;
        return BuiltInModels.Find(name) is { } entry
            ? new ExportModel(entry.Info, new Dictionary<string, InputNormalization> { ["input"] = From(entry.Normalization) }, counts => entry.Create(counts.Default))
            : null;
    }

    public static InputNormalization From(ImageNormalization normalization) =>
        new(normalization.Name, normalization.ToBgr, normalization.Scale, normalization.Mean, normalization.Std);

    private static InputNormalization Caffe(double blue, double green, double red) => new("caffe", true, 1.0, new[] { blue, green, red }, new[] { 1.0, 1.0, 1.0 });

    private static ExportModel Model(FcnModelInfo info, Func<ClassCounts, nn.Module> create, params (string Input, InputNormalization Normalization)[] inputs) =>
        new(info, inputs.ToDictionary(input => input.Input, input => input.Normalization, StringComparer.Ordinal), create);
}
