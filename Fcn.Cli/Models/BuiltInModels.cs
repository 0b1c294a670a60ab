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
        // The reference zoo beyond VOC (section 5 of the paper), Caffe-trained too. A multi-task net's class count is
        // its main head's (SIFT Flow's sem); its other heads keep their spec's counts.
        new ModelEntry(NyudFcn32sColor.Description, ImageNormalization.Caffe, classes => new NyudFcn32sColor(classes)),
        new ModelEntry(NyudFcn32sHha.Description, ImageNormalization.Caffe, classes => new NyudFcn32sHha(classes)),
        new ModelEntry(NyudFcn32sColorD.Description, ImageNormalization.Caffe, classes => new NyudFcn32sColorD(classes)),
        new ModelEntry(NyudFcn32sColorHha.Description, ImageNormalization.Caffe, classes => new NyudFcn32sColorHha(classes)),
        new ModelEntry(SiftFlowFcn32s.Description, ImageNormalization.Caffe, classes => new SiftFlowFcn32s(classes)),
        new ModelEntry(SiftFlowFcn16s.Description, ImageNormalization.Caffe, classes => new SiftFlowFcn16s(classes)),
        new ModelEntry(SiftFlowFcn8s.Description, ImageNormalization.Caffe, classes => new SiftFlowFcn8s(classes)),
        new ModelEntry(PascalContextFcn32s.Description, ImageNormalization.Caffe, classes => new PascalContextFcn32s(classes)),
        new ModelEntry(PascalContextFcn16s.Description, ImageNormalization.Caffe, classes => new PascalContextFcn16s(classes)),
        new ModelEntry(PascalContextFcn8s.Description, ImageNormalization.Caffe, classes => new PascalContextFcn8s(classes)),
    };

    /// <summary>The entry named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelEntry? Find(string name) =>
        All.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(entry => entry.Name));
}
