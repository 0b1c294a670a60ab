using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Fcn.Dsl;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Generator.Diagnostics;
using Fcn.Generator.Emission;

namespace Fcn.Generator.Pipeline;

/// <summary>
/// The work of each pipeline step, each one guarded: the spec compiler and the emitter promise not to
/// throw, but if they ever do, the exception becomes diagnostic FCN9999 on the spec instead of
/// escaping into Roslyn (where it would become CS8785 and silently drop every generated file).
/// </summary>
internal static class SpecStages
{
    public static ParsedSpec Parse(SpecSource source)
    {
        try
        {
            return new ParsedSpec(source.Path, SpecCompiler.Parse(source.Path, source.Text), null);
        }
        catch (Exception exception)
        {
            return new ParsedSpec(source.Path, null, GeneratorFailure.From(exception, "parsing", source.Path));
        }
    }

    /// <summary>
    /// Compiles every parsed spec together (they may extend one another). The result's diagnostics are
    /// those of the parser and of the compiler, each once, plus any parser failures.
    /// </summary>
    public static SpecCompilation Compile(ImmutableArray<ParsedSpec> specs, GeneratorOptions options)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var seen = new HashSet<SpecDiagnostic>();
        void Report(SpecDiagnostic diagnostic)
        {
            if (seen.Add(diagnostic)) diagnostics.Add(diagnostic);
        }

        var files = new List<SpecFile>(specs.Length);
        foreach (ParsedSpec spec in specs)
        {
            if (spec.Failure is not null) Report(spec.Failure);
            if (spec.File is not null) files.Add(spec.File);
        }

        if (files.Count == 0) return new SpecCompilation(EquatableArray<FcnModel>.Empty, diagnostics.ToEquatableArray());

        try
        {
            var specOptions = new SpecOptions(options.RootNamespace) { NamespacesByPath = options.FolderNamespaces(files.ConvertAll(file => file.Path)) };
            SpecCompilation compilation = SpecCompiler.Compile(files, specOptions);
            // The parser's own diagnostics are reported here whether or not Compile repeats them.
            foreach (SpecFile file in files)
                foreach (SpecDiagnostic diagnostic in file.Diagnostics) Report(diagnostic);
            foreach (SpecDiagnostic diagnostic in compilation.Diagnostics) Report(diagnostic);
            return new SpecCompilation(compilation.Models, diagnostics.ToEquatableArray());
        }
        catch (Exception exception)
        {
            Report(GeneratorFailure.From(exception, "compiling the specs", files[0].Path));
            return new SpecCompilation(EquatableArray<FcnModel>.Empty, diagnostics.ToEquatableArray());
        }
    }

    public static GeneratedSource Emit(FcnModel model)
    {
        string hintName = ModelEmitter.HintName(model);
        try
        {
            return new GeneratedSource(hintName, ModelEmitter.Emit(model), null);
        }
        catch (Exception exception)
        {
            return new GeneratedSource(hintName, "", GeneratorFailure.From(exception, "emitting " + model.TypeName, model.SpecFile));
        }
    }
}
