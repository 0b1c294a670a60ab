using System;
using System.Linq;
using Fcn.Dsl.Model;
using Fcn.Generator.Pipeline;
using Fcn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// The generator must never throw: an exception inside it is only warning CS8785 and silently drops
/// every generated file, so the user sees unrelated "type not found" errors instead of the real problem.
/// </summary>
public sealed class RobustnessTests
{
    private const int Specs = 400;
    private const int PerRun = 25;

    [Fact]
    public void Broken_specs_never_make_the_generator_throw()
    {
        var corpus = Fcn.Dsl.Tests.Fuzz.SpecCorpus.Generate(seed: 20150607, Specs).ToList();
        for (int start = 0; start < corpus.Count; start += PerRun)
        {
            var batch = corpus.Skip(start).Take(PerRun)
                .Select((text, i) => ("/fuzz/spec" + (start + i) + ".fcn.yaml", text));
            GeneratorRunResult result = new GeneratorHarness(batch).Run();

            Assert.Null(result.Exception);
            Diagnostic? failure = result.Diagnostics.FirstOrDefault(d => d.Id is "CS8785" or "FCN9999");
            Assert.True(failure is null, "batch starting at " + start + ": " + failure);
        }
    }

    [Fact]
    public void An_emitter_exception_becomes_diagnostic_FCN9999_on_the_spec()
    {
        // An operation the emitter has never heard of stands in for an emitter bug.
        FcnModel model = HandBuiltModels.TinyFcn8s();
        Node last = model.Nodes[model.Nodes.Count - 1];
        var broken = model with
        {
            Nodes = model.Nodes.Take(model.Nodes.Count - 1)
                .Append(last with { Operation = new MysteryOperation() })
                .ToEquatableArray(),
        };

        GeneratedSource source = SpecStages.Emit(broken);

        Assert.NotNull(source.Failure);
        Assert.Equal("FCN9999", source.Failure!.Id);
        Assert.Contains("generator failure", source.Failure.Message, StringComparison.Ordinal);
        Assert.Equal("tinyfcn8s.fcn.yaml", source.Failure.Location.Path);
    }

    private sealed record MysteryOperation : NodeOperation
    {
        public override string Kind => "mystery";
        public override bool IsModule => false;

        // Stands for an emitter bug: an operation the emitter's visitor cannot handle.
        public override TResult Accept<TResult>(Node node, IOperationVisitor<TResult> visitor) =>
            throw new NotSupportedException("no backend knows the mystery operation");
    }
}
