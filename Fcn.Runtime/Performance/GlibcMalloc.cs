using System;
using System.Runtime.InteropServices;

namespace Fcn.Runtime.Performance;

/// <summary>
/// glibc's <c>mallopt(3)</c>, which libtorch's CPU allocator (posix_memalign, then free) goes through.
/// Only on Linux with glibc; elsewhere (Windows, macOS, musl) every call reports false and changes nothing.
/// </summary>
internal static class GlibcMalloc
{
    // The parameter numbers of <malloc.h> (glibc): M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>
    /// Blocks up to <paramref name="bytes"/> come from the heap instead of a fresh <c>mmap</c> each, and
    /// freed memory stays in the process until that much is free at the top of the heap.
    /// </summary>
    /// <returns>True when glibc accepted both settings.</returns>
    public static bool KeepBlocksUpTo(int bytes)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            // Trim first: setting the mmap threshold alone would leave the (dynamic) trim threshold at
            // twice the old mmap threshold, and glibc would hand the freed blocks back at once.
            return mallopt(TrimThreshold, bytes) == 1 && mallopt(MmapThreshold, bytes) == 1;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (e.g. musl): nothing to tune
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
