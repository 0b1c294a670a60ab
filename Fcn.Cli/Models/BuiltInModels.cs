using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Runtime.Data.Transforms;

namespace Fcn.Cli.Models;

/// <summary>
/// The example specs, compiled into the tool by the generator (the csproj lists them as AdditionalFiles),
/// so <c>fcn train --model TinyFcn8s</c> works without a project of one's own. A plain list over the
/// generated types: adding an example spec means adding one line here.
/// </summary>
internal static class BuiltInModels
{
    public static IReadOnlyList<ModelEntry> All { get; } = new[]
    {
        // The CPU-sized net of the quick start, trained from scratch on torchvision-normalized input.
        new ModelEntry(TinyFcn8s.Description, ImageNormalization.TorchVision, classes => new TinyFcn8s(classes)),
        // The paper's VGG16 and AlexNet FCNs were trained in Caffe: BGR, mean subtracted.
        new ModelEntry(Fcn32s.Description, ImageNormalization.Caffe, classes => new Fcn32s(classes)),
        new ModelEntry(Fcn16s.Description, ImageNormalization.Caffe, classes => new Fcn16s(classes)),
        new ModelEntry(Fcn8s.Description, ImageNormalization.Caffe, classes => new Fcn8s(classes)),
        new ModelEntry(Fcn8sAtOnce.Description, ImageNormalization.Caffe, classes => new Fcn8sAtOnce(classes)),
        new ModelEntry(FcnAlexNet.Description, ImageNormalization.Caffe, classes => new FcnAlexNet(classes)),
        // torchvision's segmentation models.
        new ModelEntry(FcnResNet50.Description, ImageNormalization.TorchVision, classes => new FcnResNet50(classes)),
        new ModelEntry(FcnResNet101.Description, ImageNormalization.TorchVision, classes => new FcnResNet101(classes)),
    };

    /// <summary>The entry named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelEntry? Find(string name) =>
        All.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(entry => entry.Name));
}
