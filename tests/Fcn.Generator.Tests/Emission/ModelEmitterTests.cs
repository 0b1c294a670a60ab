using System.Globalization;
using System.Linq;
using System.Threading;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;
using Fcn.Generator.Tests.Infrastructure;
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
    public void Fusions_crop_every_input_but_the_reference_at_the_offset_the_analysis_computed()
    {
        FcnModel model = HandBuiltModels.TinyFcn8s();
        string code = ModelEmitter.Emit(model);
        var fusion = (SumOperation)model.Nodes.Single(node => node.Name == "fuse_pool4").Operation;
        var crop = (CropOperation)model.Nodes.Single(node => node.Name == "score").Operation;
        Assert.Contains("var fuse_pool4 = upscore2 + global::Fcn.Runtime.Layers.Crop.Like(score_pool4, upscore2, "
            + fusion.CropOffsets[1].ToString(CultureInfo.InvariantCulture) + ");", code);
        Assert.Contains("var score = global::Fcn.Runtime.Layers.Crop.Like(upscore8, input, "
            + crop.Offset.ToString(CultureInfo.InvariantCulture) + ");", code);
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
