using System.Collections.Generic;
using System.IO;
using System.Linq;
using Fcn.Cli.Infrastructure;
using Fcn.Dsl;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;

namespace Fcn.Cli.Specs;

/// <summary>
/// Spec files read, parsed and compiled together (so <c>extends:</c> resolves across them): the
/// models that came out and every diagnostic, the parser's and the compiler's, each once.
/// </summary>
internal sealed class SpecBuild
{
    private SpecBuild(IReadOnlyList<string> paths, IReadOnlyList<FcnModel> models, IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        Paths = paths;
        Models = models;
        Diagnostics = diagnostics;
    }

    /// <summary>The spec files, as the user named them (diagnostics use the same spelling).</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<FcnModel> Models { get; }

    /// <summary>Parser diagnostics first, then the compiler's, without repeats, in the compiler's stable order.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics { get; }

    /// <summary>Reads and compiles <paramref name="paths"/>.</summary>
    /// <exception cref="UserError">A file cannot be read.</exception>
    public static SpecBuild Compile(IReadOnlyList<string> paths)
    {
        var files = new List<SpecFile>(paths.Count);
        foreach (string path in paths)
            files.Add(SpecCompiler.Parse(path, Read(path)));

        SpecCompilation compilation = SpecCompiler.Compile(files, SpecOptions.Default);

        // The compiler may or may not repeat the parser's diagnostics (the generator deduplicates the same way).
        var seen = new HashSet<SpecDiagnostic>();
        var diagnostics = files.SelectMany(file => file.Diagnostics)
            .Concat(compilation.Diagnostics)
            .Where(seen.Add)
            .ToList();
        return new SpecBuild(paths, compilation.Models.ToList(), diagnostics);
    }

    /// <summary>Diagnostics located in <paramref name="path"/>.</summary>
    public IEnumerable<SpecDiagnostic> DiagnosticsIn(string path) =>
        Diagnostics.Where(diagnostic => diagnostic.Location.Path == path);

    /// <summary>The models declared in <paramref name="path"/> (its variants included).</summary>
    public IReadOnlyList<FcnModel> ModelsFrom(string path)
    {
        string fileName = Path.GetFileName(path);
        return Models.Where(model => model.SpecFile == fileName).ToList();
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            throw new UserError($"{path}: cannot be read ({exception.Message}); check the file and its permissions.", exception);
        }
        catch (System.UnauthorizedAccessException exception)
        {
            throw new UserError($"{path}: permission denied; check the file's permissions.", exception);
        }
    }
}
