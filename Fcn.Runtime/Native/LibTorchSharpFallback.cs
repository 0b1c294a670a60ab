using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Fcn.Runtime.Native;

/// <summary>
/// Loads a copy of <c>libLibTorchSharp.so</c> with its GLIBCXX_3.4.32 requirement marked weak, when the
/// shipped file has just failed to load on a system whose libstdc++ lacks that version. The build
/// targets (build/Fcn.Runtime.targets) fix the file in a build output; this reaches the programs they do
/// not: a ProjectReference without their Import, a script, a notebook.
/// </summary>
/// <remarks>
/// The copy goes to a per-user cache (<c>$FCN_NATIVE_CACHE</c>, else <c>$XDG_CACHE_HOME/fcndsl</c>, else
/// <c>~/.cache/fcndsl</c>) under the SHA-256 of the shipped file, so each TorchSharp build is patched once
/// and a new one never meets a stale copy; it is written to a temporary name and renamed, so a reader
/// never sees half a file. The shipped file is never changed (it may sit in the read-only NuGet cache).
/// The copy is loaded after its dependencies, because its RUNPATH ($ORIGIN) points at the cache, not at
/// libtorch: libtorch.so, loaded from beside the shipped file, brings libtorch_cpu.so and libc10.so with it,
/// and the loader then matches the copy's DT_NEEDED entries to them by soname.
/// </remarks>
internal static class LibTorchSharpFallback
{
    private const string FileName = "libLibTorchSharp.so";
    private const string Dependency = "libtorch.so";
    private static readonly object Gate = new();
    private static bool tried;
    private static IntPtr handle;

    /// <summary>The patched copy's handle, or IntPtr.Zero when this is not the failure it fixes (or the fix failed).</summary>
    public static IntPtr Load(Assembly torchSharp)
    {
        lock (Gate)
        {
            if (!tried)
            {
                tried = true;
                handle = TryLoadPatchedCopy(torchSharp);
            }
            return handle;
        }
    }

    private static IntPtr TryLoadPatchedCopy(Assembly torchSharp)
    {
        if (!OperatingSystem.IsLinux())
            return IntPtr.Zero;
        try
        {
            string? shipped = FindShippedLibrary(torchSharp);
            if (shipped is null)
                return IntPtr.Zero;
            byte[] elf = File.ReadAllBytes(shipped);
            if (!GlibcxxRequirement.RequiresStrongly(elf) || ProcessLibStdCxxProvidesVersion())
                return IntPtr.Zero;
            string copy = PatchedCopy(shipped, elf);
            LoadDependency(Path.GetDirectoryName(shipped)!, torchSharp);
            return NativeLibrary.TryLoad(copy, out IntPtr loaded) ? loaded : IntPtr.Zero;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // TorchSharp goes on to report that it could not load its library, which stays true.
            return IntPtr.Zero;
        }
    }

    /// <summary>
    /// Where the runtime looked for the library: the host's native search directories (an app's output,
    /// resolved from its deps.json), then beside TorchSharp.dll, then TorchSharp's own NuGet package
    /// (scripts and notebooks load TorchSharp.dll from there).
    /// </summary>
    private static string? FindShippedLibrary(Assembly torchSharp)
    {
        string searchDirectories = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        string assemblyDirectory = Path.GetDirectoryName(torchSharp.Location) ?? "";
        string[] candidates = searchDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(assemblyDirectory)
            .Append(Path.Combine(assemblyDirectory, "runtimes", "linux-x64", "native"))
            .Append(Path.Combine(assemblyDirectory, "..", "..", "runtimes", "linux-x64", "native"))
            .ToArray();
        return candidates.Select(directory => Path.Combine(directory, FileName)).FirstOrDefault(File.Exists);
    }

    /// <summary>Whether the libstdc++ this process runs with (the .NET runtime loads one) has the version.</summary>
    private static bool ProcessLibStdCxxProvidesVersion()
    {
        string? loaded = File.Exists("/proc/self/maps")
            ? File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/') is int start and >= 0 ? line[start..] : "")
                .FirstOrDefault(path => Path.GetFileName(path).StartsWith("libstdc++.so", StringComparison.Ordinal))
            : null;
        string? library = loaded ?? GlibcxxRequirement.FindSystemLibStdCxx();
        return library is not null && GlibcxxRequirement.Provides(library);
    }

    private static string PatchedCopy(string shipped, byte[] elf)
    {
        string hash = Convert.ToHexString(SHA256.HashData(elf)).ToLowerInvariant();
        string directory = Path.Combine(CacheRoot(), "libtorchsharp", hash);
        string copy = Path.Combine(directory, FileName);
        if (File.Exists(copy))
            return copy;
        Directory.CreateDirectory(directory);
        GlibcxxRequirement.MarkWeak(elf);
        string temporary = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, elf);
        // Two processes may race here; both write the same bytes, and rename replaces atomically.
        File.Move(temporary, copy, overwrite: true);
        return copy;
    }

    private static string CacheRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("FCN_NATIVE_CACHE");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
            return Path.Combine(xdg, "fcndsl");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fcndsl");
    }

    /// <summary>
    /// Loads libtorch.so before the patched copy, whose DT_NEEDED entries the loader then matches by soname: from
    /// beside the shipped library (an app's output), else by name. A notebook or script host, whose libtorch sits
    /// in its own NuGet package, has it loaded already by then (<see cref="NuGetCacheLibTorch"/>, from
    /// <see cref="TorchSharpNatives.Prepare"/>), and the name finds that library by its soname.
    /// </summary>
    private static void LoadDependency(string shippedDirectory, Assembly torchSharp)
    {
        string beside = Path.Combine(shippedDirectory, Dependency);
        if (!(File.Exists(beside) && NativeLibrary.TryLoad(beside, out _)))
            NativeLibrary.TryLoad("torch", torchSharp, null, out _);
    }
}
