using System;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Conformance;

/// <summary>
/// A generated network against its PyTorch reference (make_fixtures.py): the same state-dict keys and
/// shapes, the published parameter count, and the same outputs for the same weights and input
/// (tolerance in <see cref="TensorAssert.Conforms"/>: 1e-4 of the largest reference value, plus 1e-7).
/// </summary>
public abstract class ConformanceTests<TModel> where TModel : ConformedModel
{
    private readonly TModel fixture;
    private readonly long publishedParameters;

    /// <param name="publishedParameters">At 21 classes: derived by hand in tests/Fcn.Dsl.Tests/Analysis/PublishedNetworkAnalysisTests.cs
    /// (VGG16 FCNs), torchvision fcn.py's "num_params" (FCN-ResNet).</param>
    protected ConformanceTests(TModel fixture, long publishedParameters)
    {
        this.fixture = fixture;
        this.publishedParameters = publishedParameters;
    }

    [Fact]
    public void Keys_and_shapes_equal_the_reference()
    {
        // TorchSharp lists all parameters before all buffers, PyTorch module by module: compare as sets.
        var expected = fixture.Reference.Keys
            .Select(k => k.Key + " " + string.Join(",", k.Shape)).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var actual = fixture.Module.state_dict()
            .Select(e => e.Key + " " + string.Join(",", e.Value.shape)).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Parameter_count_is_the_published_one()
    {
        Assert.Equal(publishedParameters, fixture.Reference.Parameters);
        Assert.Equal(publishedParameters, fixture.Module.parameters().Sum(p => p.numel()));
        Assert.Equal(publishedParameters, fixture.Model.Info.Parameters);
    }

    [Fact]
    public void Outputs_equal_the_reference()
    {
        Assert.Equal(fixture.Model.Info.Outputs.Count, fixture.Outputs.Count);
        for (int i = 0; i < fixture.Outputs.Count; i++)
        {
            string name = fixture.Model.Info.Outputs[i];
            using Tensor expected = Fixtures.ReadTensor($"{fixture.ReferenceName}.{name}.bin");
            TensorAssert.Conforms(expected, fixture.Outputs[i], $"{fixture.ReferenceName} {name}");
        }
    }
}

public sealed class Fcn32sConformance(Fcn32sModel model)
    : ConformanceTests<Fcn32sModel>(model, 136_152_917), IClassFixture<Fcn32sModel>;

public sealed class Fcn16sConformance(Fcn16sModel model)
    : ConformanceTests<Fcn16sModel>(model, 134_815_994), IClassFixture<Fcn16sModel>;

public sealed class Fcn8sConformance(Fcn8sModel model)
    : ConformanceTests<Fcn8sModel>(model, 134_489_759), IClassFixture<Fcn8sModel>;

public sealed class Fcn8sAtOnceConformance(Fcn8sAtOnceModel model)
    : ConformanceTests<Fcn8sAtOnceModel>(model, 134_489_759), IClassFixture<Fcn8sAtOnceModel>;

public sealed class FcnResNet50Conformance(FcnResNet50Model model)
    : ConformanceTests<FcnResNet50Model>(model, 35_322_218), IClassFixture<FcnResNet50Model>;
