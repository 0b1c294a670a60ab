using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Runtime;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Generator.Tests.GeneratedCode;

/// <summary>
/// Every example spec's generated class, compiled in memory against TorchSharp and Fcn.Runtime, then
/// loaded into its own load context and run. The compile happens once for the class (shared fixture).
/// </summary>
public sealed class ExampleModelsTests : IClassFixture<ExampleModelsTests.CompiledExamples>
{
    private readonly CompiledExamples examples;

    public ExampleModelsTests(CompiledExamples examples) => this.examples = examples;

    [Fact]
    public void Generated_code_of_every_example_compiles_without_any_warning() =>
        GeneratedCodeCompilesTests.AssertNoProblems(examples.Compilation);

    [Fact]
    public void Tiny_fcn8s_predicts_one_score_per_class_and_pixel()
    {
        // Output size equals input size, with the tiny spec's 4 classes, on the odd-sized input of the
        // issue. conv1_1's pad of 40 and fc6's 5x5 kernel leave every crop room at any side >= 51
        // (tiny-fcn8s.fcn.yaml); at 97x131 the final crop of upscore8 at offset 3 gives 97x131.
        using var scope = NewDisposeScope();
        using var model = examples.Create("TinyFcn8s");
        model.eval();
        using var _ = no_grad();
        Tensor output = ((ISegmentationModel)model).ForwardOutputs(randn(1, 3, 97, 131))[0];
        Assert.Equal(new long[] { 1, 4, 97, 131 }, output.shape);
    }

    [Fact]
    public void A_multi_input_model_takes_its_inputs_as_typed_arguments_in_declaration_order()
    {
        // forward(color, hha) on TorchSharp's two-input Module; ForwardOutputs splits one 6-channel tensor.
        Type type = examples.TypeOf("NyudFcn32sColorHha");
        MethodInfo forward = type.GetMethod("forward")!;
        Assert.Equal(new[] { "color", "hha" }, forward.GetParameters().Select(parameter => parameter.Name));
        Assert.All(forward.GetParameters(), parameter => Assert.Equal(typeof(Tensor), parameter.ParameterType));
        Assert.Equal(typeof(nn.Module<Tensor, Tensor, Tensor>), type.BaseType);
        Assert.Equal(new[] { "color", "depth" }, examples.TypeOf("NyudFcn32sColorD").GetMethod("forward")!.GetParameters().Select(p => p.Name));
    }

    [Fact]
    public void A_multi_task_model_takes_one_class_count_per_output()
    {
        // SIFT Flow at other class counts: each head's score chain follows its own constructor argument.
        using var scope = NewDisposeScope();
        using var model = examples.Create("SiftFlowFcn32s", new Dictionary<string, object> { ["classesSem"] = 5, ["classesGeo"] = 2 });
        Assert.Equal(new[] { "classesSem", "classesGeo", "device" },
            examples.TypeOf("SiftFlowFcn32s").GetConstructors().Single().GetParameters().Select(p => p.Name));
        var shapes = model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.shape);
        Assert.Equal(new long[] { 5, 4096, 1, 1 }, shapes["score_fr_sem.weight"]);
        Assert.Equal(new long[] { 2, 4096, 1, 1 }, shapes["score_fr_geo.weight"]);
        Assert.Equal(new long[] { 2, 2, 64, 64 }, shapes["upscore_geo.weight"]);
        Type outputs = examples.TypeOf("SiftFlowFcn32s").GetNestedType("Outputs")!;
        Assert.Equal(new[] { "Sem", "Geo" }, outputs.GetConstructors().Single().GetParameters().Select(p => p.Name));
    }

    [Fact]
    public void Fcn32s_output_is_aligned_with_the_input()
    {
        // 1x3x97x131 -> 1x21x97x131: VGG16 with pad 100 and the crop at 19 (voc-fcn32s/train.prototxt) give the input's size.
        torch.set_num_threads(2);
        using var scope = NewDisposeScope();
        using var model = examples.Create("Fcn32s");
        model.eval();
        using var _ = no_grad();
        Tensor output = ((ISegmentationModel)model).ForwardOutputs(randn(1, 3, 97, 131))[0];
        Assert.Equal(new long[] { 1, 21, 97, 131 }, output.shape);
    }

    [Fact]
    public void Fcn32s_state_dict_has_the_published_keys()
    {
        // FCN-32s has 33 keys (tests/fixtures/fcn32s.keys.json, make_fixtures.py): conv1_1..conv5_3 (13 convs),
        // fc6, fc7 and score_fr, each with weight and bias (16 x 2 = 32), plus upscore.weight (no bias).
        // Parameters: 136,152,917 at 21 classes (derived in tests/Fcn.Dsl.Tests/Analysis/PublishedNetworkAnalysisTests.cs).
        using var model = examples.Create("Fcn32s");
        var keys = model.state_dict().Keys.ToList();
        Assert.Equal(33, keys.Count);
        Assert.Equal("conv1_1.weight", keys[0]);
        Assert.Contains("score_fr.bias", keys);
        Assert.Equal("upscore.weight", keys[^1]);
        Assert.Equal(136_152_917L, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Forward_hooks_on_a_child_fire_once_per_forward()
    {
        // The generated forward invokes each child through Module.call, the only path on which
        // TorchSharp runs forward hooks; a child's forward() would skip them silently.
        using var scope = NewDisposeScope();
        using var model = examples.Create("TinyFcn8s");
        model.eval();
        var conv = (nn.Module<Tensor, Tensor>)model.named_children().Single(child => child.name == "conv1_1").module;
        int calls = 0;
        conv.register_forward_hook((_, _, output) =>
        {
            calls++;
            return output;
        });
        using var _ = no_grad();
        var segmentation = (ISegmentationModel)model;
        segmentation.ForwardOutputs(randn(1, 3, 64, 64));
        Assert.Equal(1, calls);
        segmentation.ForwardOutputs(randn(1, 3, 64, 64));
        Assert.Equal(2, calls);
    }

    /// <summary>Runs the generator on all examples once and compiles the result.</summary>
    public sealed class CompiledExamples
    {
        private readonly Lazy<Assembly> assembly;

        public CompiledExamples()
        {
            var harness = new GeneratorHarness(ExampleSpecs.All());
            harness.Run();
            Compilation = harness.Updated!;
            assembly = new Lazy<Assembly>(() => InMemoryCompiler.Load(Compilation));
        }

        public Compilation Compilation { get; }

        public nn.Module Create(string typeName) => Create(typeName, new Dictionary<string, object>());

        /// <summary>The model with the named constructor arguments given, the others at the spec's defaults.</summary>
        public nn.Module Create(string typeName, IReadOnlyDictionary<string, object> given)
        {
            Type type = assembly.Value.GetType(GeneratorHarness.RootNamespace + "." + typeName, throwOnError: true)!;
            // Every constructor parameter is optional: pass Type.Missing to take the spec's defaults.
            ConstructorInfo constructor = type.GetConstructors().Single();
            object?[] arguments = constructor.GetParameters()
                .Select(parameter => given.TryGetValue(parameter.Name!, out object? value) ? value : Type.Missing).ToArray();
            return (nn.Module)constructor.Invoke(BindingFlags.OptionalParamBinding, null, arguments, null);
        }

        public Type TypeOf(string typeName) => assembly.Value.GetType(GeneratorHarness.RootNamespace + "." + typeName, throwOnError: true)!;
    }
}
