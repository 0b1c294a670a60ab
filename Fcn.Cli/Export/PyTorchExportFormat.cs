using System.IO;
using System.Text;
using Fcn.Cli.Infrastructure;
using Fcn.Dsl.Model;
using Fcn.Export.PyTorch;
using Fcn.Runtime.Training.Checkpoints;

namespace Fcn.Cli.Export;

/// <summary>
/// <c>fcn export SPEC --format pytorch --out F.py</c>: the spec's model as a PyTorch module, and the generic
/// DDP training script (<c>train_ddp.py</c>) beside it.
/// </summary>
internal static class PyTorchExportFormat
{
    public const string Name = "pytorch";

    /// <summary>Writes <paramref name="model"/>'s module to <paramref name="outputPath"/> and the training script to its folder.</summary>
    /// <exception cref="UserError">A file cannot be written.</exception>
    public static void Export(Terminal terminal, FcnModel model, string outputPath)
    {
        if (!outputPath.EndsWith(".py", System.StringComparison.OrdinalIgnoreCase))
            throw new UserError($"--out {outputPath}: a PyTorch module is a .py file; name it like {Path.GetFileNameWithoutExtension(outputPath)}.py.");
        string folder = Path.GetDirectoryName(Path.GetFullPath(outputPath)) ?? ".";
        string script = Path.Combine(folder, TrainingScript.FileName);
        if (Path.GetFullPath(outputPath) == script)
            throw new UserError($"--out {outputPath}: that is the name of the training script written beside the module; choose another name.");

        string module;
        try
        {
            module = PyTorchModuleWriter.Write(model);
        }
        catch (System.NotSupportedException exception)
        {
            throw new UserError($"{model.SpecFile}: {exception.Message}", exception);
        }
        Write(outputPath, module);
        Write(script, TrainingScript.Text);
        terminal.Out.WriteLine($"Wrote {outputPath} (class {model.TypeName}) and {script} (DDP training: torchrun ... {TrainingScript.FileName} --module {outputPath}).");
    }

    /// <summary>Temp file, then rename: an interrupted export leaves no half-written module.</summary>
    private static void Write(string path, string text)
    {
        try
        {
            AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
        }
        catch (IOException exception)
        {
            throw new UserError($"{path}: cannot be written ({exception.Message}); choose another --out path.", exception);
        }
        catch (System.UnauthorizedAccessException exception)
        {
            throw new UserError($"{path}: permission denied; choose another --out path.", exception);
        }
    }
}
