using System.Collections.Generic;
using System.Linq;
using Fcn.Tests.Shared;

namespace Fcn.Dsl.Tests.Language;

/// <summary>The example specs parsed and compiled together, as the generator does (extends cross files).</summary>
internal static class ExampleCompilation
{
    /// <summary>Every example parsed under its file name (the name diagnostics and canonical specs show).</summary>
    public static List<SpecFile> ParseAll() =>
        ExampleSpecs.Names.Select(name => SpecCompiler.Parse(name, ExampleSpecs.Text(name))).ToList();

    public static SpecCompilation CompileAll(SpecOptions? options = null) =>
        SpecCompiler.Compile(ParseAll(), options ?? SpecOptions.Default);
}
