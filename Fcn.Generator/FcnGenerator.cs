using System;
using System.Text;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Generator.Diagnostics;
using Fcn.Generator.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Fcn.Generator;

/// <summary>
/// Compiles every <c>*.fcn.yaml</c> additional file into a TorchSharp module class.
/// </summary>
/// <remarks>
/// The pipeline only wires steps together; the work is in <see cref="SpecStages"/> and the emitter.
/// Each spec is parsed on its own (an edit re-parses one file), then all of them are compiled together
/// (specs may extend one another), and each resulting model is emitted on its own: because models hold
/// no source locations, an edit that changes one spec re-emits one file, and a whitespace or comment
/// edit re-emits nothing.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class FcnGenerator : IIncrementalGenerator
{
    private const string SpecExtension = ".fcn.yaml";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpecSource> sources = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(SpecExtension, StringComparison.OrdinalIgnoreCase))
            .Select(static (file, cancellationToken) => new SpecSource(file.Path, file.GetText(cancellationToken)?.ToString() ?? ""))
            .WithTrackingName(TrackingNames.SpecSources);

        IncrementalValuesProvider<ParsedSpec> parsed = sources
            .Select(static (source, _) => SpecStages.Parse(source))
            .WithTrackingName(TrackingNames.ParsedSpecs);

        IncrementalValueProvider<GeneratorOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValueProvider<Fcn.Dsl.SpecCompilation> compilation = parsed
            .Collect()
            .WithTrackingName(TrackingNames.AllParsedSpecs)
            .Combine(options)
            .Select(static (input, _) => SpecStages.Compile(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Compilation);

        IncrementalValueProvider<EquatableArray<SpecDiagnostic>> diagnostics = compilation
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<GeneratedSource> generated = compilation
            .SelectMany(static (result, _) => result.Models)
            .WithTrackingName(TrackingNames.Models)
            .Select(static (model, _) => SpecStages.Emit(model))
            .WithTrackingName(TrackingNames.GeneratedSources);

        context.RegisterSourceOutput(diagnostics.Combine(options), static (output, input) =>
        {
            foreach (SpecDiagnostic diagnostic in input.Left) output.ReportDiagnostic(DiagnosticConverter.ToRoslyn(diagnostic, input.Right.DocsBaseUrl));
        });

        context.RegisterSourceOutput(generated.Combine(options), static (output, input) => AddSource(output, input.Left, input.Right.DocsBaseUrl));

        IncrementalValueProvider<bool> anyModel = compilation
            .Select(static (result, _) => !result.Models.IsEmpty)
            .WithTrackingName(TrackingNames.AnyModel);

        context.RegisterSourceOutput(anyModel, static (output, any) =>
        {
            if (any) output.AddSource(RuntimeSetupSource.HintName, SourceText.From(RuntimeSetupSource.Text, Encoding.UTF8));
        });
    }

    private static void AddSource(SourceProductionContext output, GeneratedSource source, string? docsBase)
    {
        if (source.Failure is not null)
        {
            output.ReportDiagnostic(DiagnosticConverter.ToRoslyn(source.Failure, docsBase));
            return;
        }

        try
        {
            output.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8));
        }
        catch (ArgumentException exception)
        {
            // Two models with one hint name: the spec compiler reports duplicate types, so this is a bug.
            output.ReportDiagnostic(DiagnosticConverter.ToRoslyn(GeneratorFailure.From(exception, "adding " + source.HintName, source.HintName), docsBase));
        }
    }
}
