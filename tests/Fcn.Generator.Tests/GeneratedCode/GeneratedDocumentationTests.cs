using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Generator.Emission;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Fcn.Generator.Tests.GeneratedCode;

/// <summary>
/// The generated XML documentation is valid where a user's project generates a documentation file
/// (GenerateDocumentationFile): every <c>cref</c> resolves, every <c>paramref</c> names a parameter of
/// its member (CS1734 otherwise), every tag is well formed. Under warnings-as-errors any of these breaks
/// the user's build.
/// </summary>
public sealed class GeneratedDocumentationTests
{
    [Fact]
    public void Every_example_model_documents_itself_without_a_documentation_warning()
    {
        SpecCompilation specs = SpecCompiler.Compile(
            ExampleSpecs.All().Select(spec => SpecCompiler.Parse(spec.Path, spec.Text)).ToList(), SpecOptions.Default);
        string[] sources = specs.Models.Select(ModelEmitter.Emit)
            .Append(ModelEmitter.Emit(HandBuiltModels.Features()))
            .ToArray();
        CSharpParseOptions withDocumentation = InMemoryCompiler.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

        Compilation compilation = InMemoryCompiler.Create("Documented", new string[0])
            .AddSyntaxTrees(sources.Select(source => CSharpSyntaxTree.ParseText(source, withDocumentation)));

        GeneratedCodeCompilesTests.AssertNoProblems(compilation);
        Assert.Equal(ExampleSpecs.Names.Count, specs.Models.Count); // one model per example file
    }
}
