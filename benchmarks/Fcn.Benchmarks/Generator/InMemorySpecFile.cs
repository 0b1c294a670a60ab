using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Fcn.Benchmarks.Generator;

/// <summary>A spec handed to the generator as an additional file, the way MSBuild hands over <c>AdditionalFiles</c>.</summary>
public sealed class InMemorySpecFile : AdditionalText
{
    private readonly SourceText text;

    public InMemorySpecFile(string path, string text)
    {
        Path = path;
        this.text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => text;
}
