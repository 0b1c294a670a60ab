using System.Linq;
using Fcn.Generator.Pipeline;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// A project with a model gets one extra file: a module initializer that prepares TorchSharp's natives
/// before the project's own code runs (the consumer may call TorchSharp before touching Fcn.Runtime).
/// A project whose specs yield no model gets nothing (Yaml_syntax_error_is_an_error_and_generates_nothing).
/// </summary>
public sealed class RuntimeSetupTests
{
    [Fact]
    public void A_project_with_a_model_gets_a_module_initializer_that_prepares_TorchSharp()
    {
        const string tiny = "tiny-fcn8s.fcn.yaml";
        var harness = new GeneratorHarness(new[] { (ExampleSpecs.PathOf(tiny), ExampleSpecs.Text(tiny)) });
        GeneratorRunResult result = harness.Run();

        GeneratedSourceResult setup = Assert.Single(result.GeneratedSources, source => source.HintName == RuntimeSetupSource.HintName);
        string text = setup.SourceText.ToString();
        Assert.Contains("[global::System.Runtime.CompilerServices.ModuleInitializer]", text);
        Assert.Contains("global::Fcn.Runtime.Native.TorchSharpNatives.Prepare()", text);
        Assert.Empty(harness.Updated!.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }
}
