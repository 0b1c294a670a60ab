using System.IO;
using System.Linq;

namespace Fcn.Benchmarks.Runtime;

/// <summary>The CPU the run is on, from /proc/cpuinfo: the model name, and family and model numbers (a virtual machine may name only the vendor).</summary>
public static class Cpu
{
    public static string Description
    {
        get
        {
            if (!File.Exists("/proc/cpuinfo")) return "unknown (no /proc/cpuinfo)";
            string[] lines = File.ReadAllLines("/proc/cpuinfo");
            string Field(string name) => lines.FirstOrDefault(line => line.Split(':')[0].Trim() == name)?.Split(':', 2)[1].Trim() ?? "?";
            string flags = Field("flags");
            string vector = flags.Contains("avx512f") ? "AVX-512" : flags.Contains("avx2") ? "AVX2" : "no AVX2";
            return $"{Field("model name")}, family {Field("cpu family")} model {Field("model")}, {vector}";
        }
    }
}
