using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Xunit;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Models compiled from YAML by the Dsl compiler, for emitter tests: unlike a model put together node
/// by node, they pass the validation every real spec passes (crop offsets, channels, names), so a
/// snapshot never pins code that would fail at run time.
/// </summary>
internal static class CompiledSpecs
{
    /// <summary>The single model of <paramref name="yaml"/>; fails the test on any error diagnostic.</summary>
    public static FcnModel Single(string path, string yaml)
    {
        SpecCompilation compilation = SpecCompiler.CompileText(path, yaml);
        var errors = compilation.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return Assert.Single(compilation.Models);
    }
}
