using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Fcn.Runtime.Native;
using TorchSharp;
using Xunit;

namespace Fcn.Runtime.Tests.Native;

/// <summary>
/// The one-flag ELF edit (build/LibTorchSharpLoaderFix.cs) on the libLibTorchSharp.so TorchSharp ships,
/// read from its NuGet package (the build output's copy may already be fixed by the build targets).
/// Expected facts from <c>readelf -V</c> on that file: a .gnu.version_r entry "GLIBCXX_3.4.32  Flags: none".
/// </summary>
public sealed class GlibcxxRequirementTests
{
    [Fact]
    public void The_shipped_library_asks_for_GLIBCXX_3_4_32_and_one_flag_byte_makes_the_requirement_weak()
    {
        byte[] shipped = File.ReadAllBytes(ShippedLibrary());
        Assert.True(GlibcxxRequirement.RequiresStrongly(shipped));

        byte[] patched = (byte[])shipped.Clone();
        Assert.Equal(GlibcxxPatchOutcome.Patched, GlibcxxRequirement.MarkWeak(patched));

        Assert.False(GlibcxxRequirement.RequiresStrongly(patched));
        int[] changed = Enumerable.Range(0, shipped.Length).Where(i => shipped[i] != patched[i]).ToArray();
        int only = Assert.Single(changed);
        Assert.Equal(0x2, patched[only] ^ shipped[only]);   // VER_FLG_WEAK, and nothing else
        Assert.Equal(GlibcxxPatchOutcome.AlreadyWeak, GlibcxxRequirement.MarkWeak(patched));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => GlibcxxRequirement.RequiresStrongly(new byte[128]));
    }

    private static string ShippedLibrary()
    {
        string version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion.Split('+')[0];
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), "TorchSharp's package is not where restore puts it: " + path);
        return path;
    }
}
