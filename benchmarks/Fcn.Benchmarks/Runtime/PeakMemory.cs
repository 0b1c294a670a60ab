using System;
using System.IO;

namespace Fcn.Benchmarks.Runtime;

/// <summary>Peak resident memory of this process so far (VmHWM, the high-water mark of VmRSS), from /proc.</summary>
public static class PeakMemory
{
    /// <summary>Bytes, or -1 where /proc/self/status is not available (not Linux).</summary>
    public static long OfThisProcess()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status)) return -1;
        foreach (string line in File.ReadLines(Status))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024; // the kernel writes kB
        }

        return -1;
    }
}
