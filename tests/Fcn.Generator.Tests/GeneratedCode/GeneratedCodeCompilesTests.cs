using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;
using Fcn.Generator.Tests.Infrastructure;
using Xunit;

namespace Fcn.Generator.Tests.GeneratedCode;

/// <summary>
/// Generated code must compile against the real TorchSharp and Fcn.Runtime with nullable enabled and
/// warnings as errors, as users' projects (and this repository's) build it.
/// </summary>
public sealed class GeneratedCodeCompilesTests
{
    public static IEnumerable<object[]> HandBuilt() => new[]
    {
        new object[] { "TinyFcn8s" },
        new object[] { "ResNetWithAuxiliary" },
        new object[] { "Features" },
    };

    [Theory]
    [MemberData(nameof(HandBuilt))]
    public void Hand_built_model_compiles_without_any_warning(string name)
    {
        FcnModel model = name switch
        {
            "TinyFcn8s" => HandBuiltModels.TinyFcn8s(),
            "ResNetWithAuxiliary" => HandBuiltModels.ResNetWithAuxiliary(),
            _ => HandBuiltModels.Features(),
        };

        var compilation = InMemoryCompiler.Create("Generated" + name, new[] { ModelEmitter.Emit(model) });

        AssertNoProblems(compilation);
    }

    [Fact]
    public void Users_can_add_members_to_the_partial_class()
    {
        const string userCode = """
            namespace Fcn.Generator.Tests.Models
            {
                public partial class TinyFcn8s
                {
                    public int ScoreLayers => 3;
                }
            }
            """;
        var compilation = InMemoryCompiler.Create("PartialTiny", new[] { ModelEmitter.Emit(HandBuiltModels.TinyFcn8s()), userCode });

        AssertNoProblems(compilation);
    }

    internal static void AssertNoProblems(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var problems = InMemoryCompiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(problem => problem.ToString())));
    }
}
