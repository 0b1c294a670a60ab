using System.IO;

namespace Fcn.Benchmarks.Runtime;

/// <summary>
/// The system's load averages (1, 5 and 15 minutes) from /proc/loadavg, recorded with the timings: on a
/// 2-core machine a load above 2 means other processes competed for the cores (and for libtorch's
/// OpenMP threads, which then wait at every barrier for a descheduled partner), so the times are inflated.
/// </summary>
public static class LoadAverage
{
    public static string Now() => File.Exists("/proc/loadavg")
        ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3])
        : "unknown";
}
