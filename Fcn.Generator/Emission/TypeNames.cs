namespace Fcn.Generator.Emission;

/// <summary>
/// Fully qualified names of the types and members generated code uses. Everything is written with
/// <c>global::</c> so that a user's own <c>Tensor</c> type, or a node property that happens to be called
/// <c>Crop</c>, can never capture a name the generated code means.
/// </summary>
internal static class TypeNames
{
    public const string Tensor = "global::TorchSharp.torch.Tensor";
    public const string Device = "global::TorchSharp.torch.Device";
    public const string Module = "global::TorchSharp.torch.nn.Module";
    public const string Nn = "global::TorchSharp.torch.nn";
    public const string Torch = "global::TorchSharp.torch";
    public const string Modules = "global::TorchSharp.Modules";

    public const string SegmentationModel = "global::Fcn.Runtime.ISegmentationModel";
    public const string ModelInfo = "global::Fcn.Runtime.FcnModelInfo";
    public const string NodeInfo = "global::Fcn.Runtime.FcnNodeInfo";
    public const string InputInfo = "global::Fcn.Runtime.FcnInputInfo";
    public const string WeightFileInfo = "global::Fcn.Runtime.FcnWeightFileInfo";
    public const string WeightFilePurpose = "global::Fcn.Runtime.FcnWeightFilePurpose";
    public const string Upsampling = "global::Fcn.Runtime.Layers.Upsampling";
    public const string Convolution2d = "global::Fcn.Runtime.Layers.Convolution2d";
    public const string Initialization = "global::Fcn.Runtime.Layers.Initialization";
    public const string Crop = "global::Fcn.Runtime.Layers.Crop";
    public const string Resize = "global::Fcn.Runtime.Layers.Resize";
    public const string FcnHead = "global::Fcn.Runtime.Layers.FcnHead";
    public const string ResNetBackbone = "global::Fcn.Runtime.Backbones.ResNetBackbone";
    public const string ResNetFeatures = "global::Fcn.Runtime.Backbones.ResNetFeatures";

    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string ArgumentOutOfRange = "global::System.ArgumentOutOfRangeException";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";
}
