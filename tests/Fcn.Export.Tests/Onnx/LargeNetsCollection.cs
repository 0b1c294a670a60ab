using Xunit;

namespace Fcn.Export.Tests.Onnx;

/// <summary>
/// The test classes that build VGG16-sized nets (540 MB of weights each, 1 GB for NYUD's two streams,
/// held three times over: TorchSharp, the export, ONNX Runtime): one collection, so xunit runs them
/// one after another rather than side by side on a small CI machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LargeNetsCollection
{
    public const string Name = "Large nets, one at a time";
}
