using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Fcn.Generator.Pipeline;
using Fcn.Generator.Tests.Infrastructure;
using Fcn.Tests.Shared;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// The generator runs on every keystroke in an IDE: these tests prove through a real driver that
/// it only redoes the work an edit calls for.
/// </summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] AllSteps =
    {
        TrackingNames.SpecSources, TrackingNames.ParsedSpecs, TrackingNames.AllParsedSpecs, TrackingNames.Options,
        TrackingNames.Compilation, TrackingNames.Diagnostics, TrackingNames.Models, TrackingNames.GeneratedSources,
        TrackingNames.AnyModel,
    };

    private const string Tiny = "tiny-fcn8s.fcn.yaml";

    [Fact]
    public void Editing_unrelated_csharp_leaves_every_step_cached()
    {
        var harness = new GeneratorHarness(ExampleSpecs.All());
        GeneratorRunResult first = harness.Run();
        harness.AddUnrelatedCSharp();
        GeneratorRunResult second = harness.Run();

        // One file per model, and the runtime setup.
        Assert.Equal(ExampleSpecs.Names.Count + 1, first.GeneratedSources.Length);
        foreach (string step in AllSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), "step " + step + " was not tracked");
            foreach (var (output, reason) in Outputs(second, step))
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    step + " re-ran (" + reason + ") for " + output);
        }
    }

    [Fact]
    public void Editing_one_spec_among_many_re_emits_only_that_model()
    {
        var harness = new GeneratorHarness(ExampleSpecs.All());
        harness.Run();
        harness.ReplaceSpec(ExampleSpecs.PathOf(Tiny), ExampleSpecs.Text(Tiny).Replace("classes: 4", "classes: 5"));
        GeneratorRunResult result = harness.Run();

        var emitted = Outputs(result, TrackingNames.GeneratedSources).ToList();
        var reEmitted = emitted.Where(output => output.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToList();
        var (changed, _) = Assert.Single(reEmitted);
        Assert.Equal("Harness.Models.TinyFcn8s.g.cs", ((GeneratedSource)changed).HintName);
        Assert.Equal(ExampleSpecs.Names.Count - 1, emitted.Count(output => output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains("int classes = 5", result.GeneratedSources.Single(source => source.HintName.EndsWith("TinyFcn8s.g.cs", StringComparison.Ordinal)).SourceText.ToString());
    }

    [Fact]
    public void Whitespace_and_comment_edits_re_emit_nothing()
    {
        var harness = new GeneratorHarness(ExampleSpecs.All());
        harness.Run();
        // Blank lines before a top-level key and a comment after the last line: no node's documentation
        // changes (a node's comment is on its line or just above it), so the model is the same.
        string edited = ExampleSpecs.Text(Tiny).Replace("\nhead:", "\n\n\nhead:") + "# a closing remark\n";
        harness.ReplaceSpec(ExampleSpecs.PathOf(Tiny), edited);
        GeneratorRunResult result = harness.Run();

        // Parsing re-ran (locations moved), and the compilation with it...
        Assert.Contains(Outputs(result, TrackingNames.ParsedSpecs), output => output.Reason == IncrementalStepRunReason.Modified);
        // ...but the compilation came out equal (models hold no locations), so everything after it is cached.
        Assert.All(Outputs(result, TrackingNames.Compilation), output => Assert.Equal(IncrementalStepRunReason.Unchanged, output.Reason));
        Assert.All(Outputs(result, TrackingNames.Models), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(Outputs(result, TrackingNames.GeneratedSources), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    [Fact]
    public void No_step_holds_compilations_symbols_or_syntax()
    {
        var harness = new GeneratorHarness(ExampleSpecs.All());
        GeneratorRunResult result = harness.Run();

        foreach (string step in AllSteps)
            foreach (var (output, _) in Outputs(result, step))
                AssertNoRoslynObjects(output, step, new HashSet<object>(ReferenceEqualityComparer.Instance), depth: 0);
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs)
            ? runs.SelectMany(run => run.Outputs)
            : Enumerable.Empty<(object, IncrementalStepRunReason)>();

    /// <summary>
    /// Walks an output's object graph (the NetEscapades TestHelpers pattern): a Compilation, symbol or
    /// syntax node held in the pipeline would defeat caching and keep whole compilations alive.
    /// </summary>
    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> visited, int depth)
    {
        if (value is null || depth > 12) return;
        Type type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string) return;
        if (!type.IsValueType && !visited.Add(value)) return;

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel,
            step + " holds a " + type.FullName);

        if (value is IEnumerable items)
        {
            foreach (object? item in items) AssertNoRoslynObjects(item, step, visited, depth + 1);
            return;
        }
        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                AssertNoRoslynObjects(field.GetValue(value), step, visited, depth + 1);
    }
}
