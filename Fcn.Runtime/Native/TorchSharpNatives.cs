using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Threading;
using TorchSharp;

namespace Fcn.Runtime.Native;

/// <summary>
/// Makes TorchSharp's native library load, and libtorch keep quiet, for every program that uses
/// Fcn.Runtime, however it references it: package or ProjectReference (and so a file-based script), all
/// of which run with a deps.json that puts libtorch beside libLibTorchSharp.so.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Prepare"/> must run before TorchSharp's first native call. It runs from this assembly's
/// module initializer (any use of an Fcn.Runtime type) and from the module initializer the generator adds
/// to every project with a spec (before that project's <c>Main</c> or first type), so no one has to call it.
/// A script that calls TorchSharp before anything of Fcn.Runtime can call it first; it is idempotent.
/// </para>
/// <para>
/// It installs two hooks on TorchSharp's assembly, both cheap until TorchSharp loads its natives, and preloads libtorch where the host lacks it:
/// </para>
/// <list type="bullet">
/// <item>a fallback for when <c>libLibTorchSharp.so</c> fails to load because this system's libstdc++
/// lacks GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04): <see cref="LibTorchSharpFallback"/>. TorchSharp 0.107
/// loads the library with <c>NativeLibrary.TryLoad("LibTorchSharp", typeof(torch).Assembly, ...)</c>
/// (src/TorchSharp/Torch.cs, <c>LoadNativeBackend</c>) and binds its P/Invokes by the same name; both fall
/// through to <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> when the ordinary load fails, and only
/// then. Where the library loads, the fallback never runs.</item>
/// <item>for a host that loads TorchSharp.dll straight from the NuGet cache (a .NET Interactive notebook, where
/// the package's extension.dib calls this), the libtorch package TorchSharp was built against, loaded first
/// (<see cref="NuGetCacheLibTorch"/>), so that neither TorchSharp's loader nor the fallback picks up another
/// libtorch from the system's library path.</item>
/// <item>a resolver for TorchSharp's P/Invoke bindings: the first one is the moment libtorch is in the
/// process, so it applies <see cref="NnpackSwitch"/> there, once, before any convolution runs.</item>
/// </list>
/// </remarks>
public static class TorchSharpNatives
{
    private const string LibTorchSharp = "LibTorchSharp";
    private static int prepared;
    private static IntPtr libTorchSharp;
    [ThreadStatic] private static bool resolving;

    /// <summary>Installs the hooks; idempotent and safe to call from any thread.</summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref prepared, 1) == 1)
            return;
        Assembly torchSharp = typeof(torch).Assembly;
        (AssemblyLoadContext.GetLoadContext(torchSharp) ?? AssemblyLoadContext.Default).ResolvingUnmanagedDll += OnResolvingUnmanagedDll;
        try
        {
            NativeLibrary.SetDllImportResolver(torchSharp, ResolveTorchSharpImport);
        }
        catch (InvalidOperationException)
        {
            // Someone else resolves TorchSharp's imports: the load fallback still works; NNPACK stays as libtorch set it.
        }
        NuGetCacheLibTorch.PreloadWhereHostLacksIt(torchSharp);
    }

#pragma warning disable CA2255 // A library's module initializer, on purpose: it must run before the first TorchSharp call, with no call from the user.
    [ModuleInitializer]
    internal static void RunAtModuleLoad() => Prepare();
#pragma warning restore CA2255

    private static IntPtr OnResolvingUnmanagedDll(Assembly assembly, string name) =>
        name == LibTorchSharp && assembly == typeof(torch).Assembly ? LibTorchSharpFallback.Load(assembly) : IntPtr.Zero;

    /// <summary>
    /// Called for each of TorchSharp's P/Invoke bindings before the runtime's own probing. The first binding
    /// to LibTorchSharp loads it the ordinary way (the fallback runs inside that load if it fails), switches
    /// NNPACK, and keeps the handle; every later binding gets that handle at once, which also spares the
    /// fallback's case a failed probe of the shipped file per P/Invoke. Other libraries: IntPtr.Zero, the
    /// runtime's own probing.
    /// </summary>
    private static IntPtr ResolveTorchSharpImport(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibTorchSharp || resolving)
            return IntPtr.Zero;
        IntPtr known = Volatile.Read(ref libTorchSharp);
        if (known != IntPtr.Zero)
            return known;
        resolving = true;
        try
        {
            if (!NativeLibrary.TryLoad(name, assembly, searchPath, out IntPtr handle))
                return IntPtr.Zero;
            if (Interlocked.CompareExchange(ref libTorchSharp, handle, IntPtr.Zero) == IntPtr.Zero)
                NnpackSwitch.DisableWhereUnsupported();
            return handle;
        }
        finally
        {
            resolving = false;
        }
    }
}
