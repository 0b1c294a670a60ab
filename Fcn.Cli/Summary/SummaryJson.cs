using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fcn.Cli.Summary;

/// <summary>The JSON document of <c>fcn summary --json</c>: the spec, the input size, one object per model.</summary>
/// <param name="Spec">The spec file as given.</param>
/// <param name="Models">The summaries of the models it declares.</param>
internal sealed record SummaryDocument(string Spec, IReadOnlyList<ModelSummary> Models);

/// <summary>Writes summaries as JSON with System.Text.Json's source generator: snake_case keys, invariant numbers.</summary>
internal static class SummaryJson
{
    public static void Write(TextWriter output, SummaryDocument document) =>
        output.WriteLine(JsonSerializer.Serialize(document, SummaryJsonContext.Default.SummaryDocument));
}

/// <summary>Compile-time serialization metadata: no reflection at run time, and the shape is fixed by the records.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(SummaryDocument))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
