using System;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Fcn.Benchmarks.Runtime;

/// <summary>The library versions this executable runs on, read from the assemblies and the dependency manifest.</summary>
public static class Versions
{
    public static string TorchSharp =>
        typeof(TorchSharp.torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The libtorch native package the build copied in (the libtorch-cpu-linux-x64 entry of the .deps.json).</summary>
    public static string LibTorch
    {
        get
        {
            string manifest = Path.Combine(AppContext.BaseDirectory, Assembly.GetEntryAssembly()?.GetName().Name + ".deps.json");
            if (!File.Exists(manifest)) return "unknown";
            Match match = Regex.Match(File.ReadAllText(manifest), "\"libtorch-cpu-linux-x64/([^\"]+)\"");
            return match.Success ? match.Groups[1].Value : "unknown";
        }
    }

    public static string DotNet => Environment.Version.ToString();

    public static string OnnxRuntime =>
        typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";
}
