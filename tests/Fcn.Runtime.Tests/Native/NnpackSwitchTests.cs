using System;
using System.Runtime.InteropServices;
using Fcn.Runtime.Native;
using Fcn.Runtime.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Native;

/// <summary>
/// libtorch's own flag (<c>at::globalContext().userEnabledNNPACK()</c>, read back through its export)
/// ends up on exactly where NNPACK initializes on this CPU (<c>nnp_initialize()</c> returns 0): off where
/// it cannot, which is what keeps "Could not initialize NNPACK!" out of every command's output, and
/// untouched where it can.
/// </summary>
public sealed class NnpackSwitchTests
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int InitializeFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ContextFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlagFunction(IntPtr context);

    [Fact]
    public void NNPACK_is_enabled_exactly_where_it_initializes()
    {
        TorchSetup.Ensure();
        TorchSharpNatives.Prepare();
        using (var conv = nn.Conv2d(3, 4, 3))
        using (Tensor output = conv.call(ones(16, 3, 8, 8)))
            Assert.Equal(new long[] { 16, 4, 6, 6 }, output.shape);

        Assert.True(NativeLibrary.TryLoad("libtorch_cpu.so", out IntPtr libtorch), "libtorch_cpu.so is not loaded");
        bool initializes = Call<InitializeFunction>(libtorch, "nnp_initialize")() == 0;
        IntPtr context = Call<ContextFunction>(libtorch, "_ZN2at13globalContextEv")();
        bool enabled = Call<GetFlagFunction>(libtorch, "_ZNK2at7Context17userEnabledNNPACKEv")(context);

        Assert.Equal(initializes, enabled);
    }

    private static T Call<T>(IntPtr library, string symbol) where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, symbol));
}
