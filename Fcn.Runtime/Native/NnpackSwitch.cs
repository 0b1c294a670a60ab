using System;
using System.Runtime.InteropServices;

namespace Fcn.Runtime.Native;

/// <summary>
/// Turns libtorch's NNPACK convolution backend off on CPUs where NNPACK cannot initialize, which stops
/// libtorch from printing "Could not initialize NNPACK! Reason: Unsupported hardware." for every
/// convolution it considers for NNPACK.
/// </summary>
/// <remarks>
/// <para>
/// Why it prints so often: in libtorch 2.10 (TorchSharp 0.107), <c>at::native::init_nnpack</c>
/// (aten/src/ATen/native/NNPACK.cpp) keeps the status of its one <c>nnp_initialize()</c> call but logs
/// the failure with <c>LOG(WARNING)</c> on every call, and <c>ConvParams::use_nnpack</c>
/// (aten/src/ATen/native/Convolution.cpp) calls it for every 2-D float convolution on the CPU with a
/// batch of 16 or more (training, evaluation: thousands of lines). <c>use_nnpack</c> first asks
/// <c>at::globalContext().userEnabledNNPACK()</c> (Python's <c>torch.backends.nnpack.set_flags</c>), so
/// switching that off skips the check and its message; the convolution then takes the backend libtorch
/// would have fallen back to anyway. TorchSharp exposes no such flag, and the message is not governed by
/// an environment variable read after start-up, so this calls the exported libtorch functions directly.
/// </para>
/// <para>
/// Where NNPACK does initialize, nothing changes: <c>nnp_initialize()</c> is idempotent and is what
/// libtorch itself would call first. Every symbol is looked up, not bound, so a libtorch without them
/// leaves this a no-op.
/// </para>
/// <para>
/// <c>nnp_initialize</c> is looked up as libtorch's own call binds it: libtorch_cpu.so calls it through
/// its PLT, which the dynamic loader resolves in the global scope first (the program, LD_PRELOAD
/// libraries, libraries loaded RTLD_GLOBAL) and only then in libtorch itself. So an interposed
/// <c>nnp_initialize</c> (tests/Fcn.Training.Tests/Quickstart/NnpackUnsupportedHardwareTests.cs preloads one
/// that reports unsupported hardware, reproducing a CPU where NNPACK fails) is the one asked here too.
/// </para>
/// <para>
/// <c>FCN_NNPACK_SWITCH=off</c> leaves libtorch's flag as libtorch sets it (libtorch then logs its
/// warning again where NNPACK cannot initialize).
/// </para>
/// </remarks>
internal static class NnpackSwitch
{
    private const string LibTorchCpu = "libtorch_cpu.so";
    private const string NnpInitialize = "nnp_initialize";
    private const string GlobalContext = "_ZN2at13globalContextEv";                       // at::globalContext()
    private const string SetUserEnabledNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";  // at::Context::setUserEnabledNNPACK(bool)
    private const int NnpStatusSuccess = 0;

    /// <summary>Environment variable that, set to <c>off</c>, leaves NNPACK as libtorch sets it.</summary>
    public const string SwitchVariable = "FCN_NNPACK_SWITCH";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InitializeFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ContextFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlagFunction(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    /// <summary>Call once libtorch is loaded (it is by then a dependency of LibTorchSharp).</summary>
    public static void DisableWhereUnsupported()
    {
        if (string.Equals(Environment.GetEnvironmentVariable(SwitchVariable), "off", StringComparison.OrdinalIgnoreCase))
            return;

        // By soname: the loader returns the libtorch_cpu.so already in the process, wherever it came from.
        if (!NativeLibrary.TryLoad(LibTorchCpu, out IntPtr libtorch))
            return;
        if (!(NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), NnpInitialize, out IntPtr initialize)
                || NativeLibrary.TryGetExport(libtorch, NnpInitialize, out initialize))
            || !NativeLibrary.TryGetExport(libtorch, GlobalContext, out IntPtr globalContext)
            || !NativeLibrary.TryGetExport(libtorch, SetUserEnabledNnpack, out IntPtr setUserEnabledNnpack))
            return;
        if (Marshal.GetDelegateForFunctionPointer<InitializeFunction>(initialize)() == NnpStatusSuccess)
            return;
        IntPtr context = Marshal.GetDelegateForFunctionPointer<ContextFunction>(globalContext)();
        Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setUserEnabledNnpack)(context, false);
    }
}
