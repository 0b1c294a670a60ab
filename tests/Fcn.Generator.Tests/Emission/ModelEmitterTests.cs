using System.Globalization;
using System.Linq;
using System.Threading;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Fcn.Generator.Tests.Emission;

public sealed class ModelEmitterTests
{
    [Fact]
    public void Hint_name_is_namespace_and_type_name()
    {
        Assert.Equal("Fcn.Generator.Tests.Models.TinyFcn8s.g.cs", ModelEmitter.HintName(HandBuiltModels.TinyFcn8s()));
        Assert.Equal("FeatureTour.g.cs", ModelEmitter.HintName(HandBuiltModels.Features()));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        FcnModel model = HandBuiltModels.Features();
        string invariant = WithCulture(CultureInfo.InvariantCulture, () => ModelEmitter.Emit(model));
        // de-DE writes 0.01 as "0,01" and 1234 as "1.234": neither may reach the generated code.
        string german = WithCulture(new CultureInfo("de-DE"), () => ModelEmitter.Emit(model));
        Assert.Equal(invariant, german);
        Assert.Contains("var scaled1 = features.Pool1 * this.skip;", invariant);
        Assert.Contains("double skip = 0.01", invariant);
    }

    [Fact]
    public void Every_module_node_becomes_a_field_named_exactly_as_the_node()
    {
        FcnModel model = HandBuiltModels.TinyFcn8s();
        var fields = CSharpSyntaxTree.ParseText(ModelEmitter.Emit(model)).GetRoot()
            .DescendantNodes().OfType<FieldDeclarationSyntax>()
            .SelectMany(field => field.Declaration.Variables).Select(variable => variable.Identifier.ValueText)
            .ToList();
        var modules = model.Nodes.Where(node => node.Operation.IsModule).Select(node => node.Name).ToList();
        // The tiny net's modules, in spec order; "dropout" is the parameter, which forward does not read.
        Assert.Equal(modules, fields);
        // 21 backbone modules (6 + 3 x 3 + 6) and 6 in the head (3 score layers, 3 upsamplings).
        Assert.Equal(27, modules.Count);
    }

    [Fact]
    public void Fcn8s_crops_at_the_offsets_of_the_caffe_reference()
    {
        // The published offsets, from shelhamer/fcn.berkeleyvision.org voc-fcn8s/train.prototxt (Caffe's
        // coord_map wrote them there): score_pool4c "crop_param { axis: 2 offset: 5 }", score_pool3c
        // offset 9, and the final score offset 31.
        var specs = ExampleSpecs.All().Select(spec => SpecCompiler.Parse(spec.Path, spec.Text)).ToList();
        SpecCompilation compilation = SpecCompiler.Compile(specs, SpecOptions.Default);
        FcnModel fcn8s = compilation.Models.Single(model => model.TypeName == "Fcn8s");
        string code = ModelEmitter.Emit(fcn8s);

        Assert.Contains("var fuse_pool4 = upscore2 + global::Fcn.Runtime.Layers.Crop.Like(score_pool4, upscore2, 5);", code);
        Assert.Contains("var fuse_pool3 = upscore_pool4 + global::Fcn.Runtime.Layers.Crop.Like(score_pool3, upscore_pool4, 9);", code);
        Assert.Contains("var score = global::Fcn.Runtime.Layers.Crop.Like(upscore8, input, 31);", code);
    }

    private static T WithCulture<T>(CultureInfo culture, System.Func<T> action)
    {
        CultureInfo previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = culture;
            Thread.CurrentThread.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
            Thread.CurrentThread.CurrentUICulture = previous;
        }
    }
}
