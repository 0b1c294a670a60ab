using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Fcn.Runtime.Native;

/// <summary>
/// Where libtorch lives for a host that loads TorchSharp.dll straight from the NuGet cache, as .NET
/// Interactive notebooks and other script hosts do (<c>#r "nuget: TorchSharp-cpu"</c>): in its own package,
/// <c>&lt;packages&gt;/libtorch-cpu-linux-x64/&lt;version&gt;/runtimes/linux-x64/native</c>, where no
/// deps.json points. An app's output has libtorch beside libLibTorchSharp.so instead, and this finds nothing.
/// </summary>
/// <remarks>
/// TorchSharp's own loader (src/TorchSharp/Torch.cs, <c>LoadNativeBackend</c>) first loads "torch_cpu" and then
/// "LibTorchSharp" by name. In such a host the name reaches the system's library path, where Debian's
/// python3-torch puts PyTorch 1.13's <c>libtorch_cpu.so</c> and <c>libc10.so</c>: TorchSharp takes that libtorch,
/// and its own library, built against 2.10, then fails on a missing symbol. A DllImportResolver cannot step in
/// (NativeLibrary.TryLoad by name does not consult it) and the load succeeds, so no ResolvingUnmanagedDll event
/// fires. What works is loading the package's libtorch first: the dynamic loader then answers every later
/// request for <c>libtorch_cpu.so</c> with the library it already has under that soname.
/// </remarks>
internal static class NuGetCacheLibTorch
{
    private const string RuntimeIdentifier = "linux-x64";

    /// <summary>The NuGet package that carries a CPU libtorch for linux-x64 (TorchSharp-cpu's dependency).</summary>
    private const string CpuPackage = "libtorch-cpu-" + RuntimeIdentifier;

    /// <summary>
    /// The native folder of the libtorch package beside TorchSharp's in the NuGet cache, or null when the host
    /// provides libtorch itself (an app: beside TorchSharp.dll or in its native search directories), when
    /// TorchSharp.dll is not in a NuGet cache, or off Linux.
    /// </summary>
    public static string? NativeDirectory(Assembly torchSharp)
    {
        if (!OperatingSystem.IsLinux() || HostProvidesLibTorch(torchSharp))
            return null;
        // <packages>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll
        string? libDirectory = Path.GetDirectoryName(torchSharp.Location);
        if (string.IsNullOrEmpty(libDirectory))
            return null;
        string packageDirectory = Path.GetFullPath(Path.Combine(libDirectory, "..", "..", "..", "..", CpuPackage));
        if (!Directory.Exists(packageDirectory))
            return null;
        return VersionsPreferred(packageDirectory, torchSharp)
            .Select(version => Path.Combine(packageDirectory, version, "runtimes", RuntimeIdentifier, "native"))
            .FirstOrDefault(native => File.Exists(Path.Combine(native, "libtorch_cpu.so")));
    }

    /// <summary>
    /// Loads the NuGet cache's libtorch (libtorch.so, which brings libtorch_cpu.so and libc10.so) when the host does
    /// not provide one; a no-op in an app, or when the package is not there (TorchSharp then reports it as usual).
    /// </summary>
    public static void PreloadWhereHostLacksIt(Assembly torchSharp)
    {
        string? directory = NativeDirectory(torchSharp);
        if (directory is not null)
            NativeLibrary.TryLoad(Path.Combine(directory, "libtorch.so"), out _);
    }

    /// <summary>Whether the app's own native folders (from its deps.json) or TorchSharp.dll's folder hold libtorch.</summary>
    private static bool HostProvidesLibTorch(Assembly torchSharp)
    {
        string searchDirectories = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        return searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.GetDirectoryName(torchSharp.Location) ?? "")
            .Any(directory => directory.Length > 0 && File.Exists(Path.Combine(directory, "libtorch_cpu.so")));
    }

    /// <summary>
    /// The libtorch TorchSharp was built against first (its private constant <c>libtorchPackageVersion</c>, e.g.
    /// "2.10.0.0", which TorchSharp's loader uses to pick the package the same way), then the others, newest first.
    /// </summary>
    private static IEnumerable<string> VersionsPreferred(string packageDirectory, Assembly torchSharp)
    {
        string? expected = torchSharp.GetType("TorchSharp.torch")
            ?.GetField("libtorchPackageVersion", BindingFlags.NonPublic | BindingFlags.Static)
            ?.GetRawConstantValue() as string;
        Version? wanted = expected is not null && Version.TryParse(expected, out Version? parsed) ? Normalize(parsed) : null;
        return Directory.GetDirectories(packageDirectory).Select(Path.GetFileName).OfType<string>()
            .Select(name => (name, version: Version.TryParse(name, out Version? v) ? Normalize(v) : new Version(0, 0, 0, 0)))
            .OrderBy(entry => entry.version == wanted ? 0 : 1)
            .ThenByDescending(entry => entry.version)
            .Select(entry => entry.name);
    }

    private static Version Normalize(Version version) =>
        new(version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0));
}
