using System;
using System.IO;
using Fcn.Runtime.Weights.Published;
using Xunit;

namespace Fcn.Runtime.Tests.Weights.Published;

/// <summary>Where the cache is (FCN_WEIGHTS_CACHE, then the XDG Base Directory specification), and what it accepts.</summary>
public sealed class WeightCacheTests
{
    [Fact]
    public void The_default_folder_follows_the_variable_then_xdg_then_the_home_cache()
    {
        string? own = Environment.GetEnvironmentVariable(WeightCache.DirectoryVariable);
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        try
        {
            Environment.SetEnvironmentVariable(WeightCache.DirectoryVariable, "/tmp/own-cache");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/tmp/xdg");
            Assert.Equal("/tmp/own-cache", WeightCache.DefaultDirectory());

            Environment.SetEnvironmentVariable(WeightCache.DirectoryVariable, null);
            Assert.Equal("/tmp/xdg/fcndsl/weights", WeightCache.DefaultDirectory());

            // The specification: "If an implementation encounters a relative path in any of these variables it should consider the path invalid and ignore it."
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "relative");
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".cache", "fcndsl", "weights"), WeightCache.DefaultDirectory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(WeightCache.DirectoryVariable, own);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", xdg);
        }
    }

    [Theory]
    [InlineData("../escape.pth")]
    [InlineData("sub/dir.pth")]
    [InlineData("..")]
    public void A_file_name_that_would_leave_the_folder_is_refused(string name)
    {
        var file = new FcnWeightFileInfo("x", FcnWeightFilePurpose.Model, "https://example.org/x", name, null, "01234567");
        Assert.Throws<ArgumentException>(() => new WeightCache("/tmp/cache").PathOf(file));
    }

    [Fact]
    public void The_partial_file_sits_beside_the_final_one()
    {
        var file = new FcnWeightFileInfo("x", FcnWeightFilePurpose.Model, "https://example.org/net-01234567.pth", "net-01234567.pth", null, "01234567");
        Assert.Equal("/tmp/cache/net-01234567.pth", new WeightCache("/tmp/cache").PathOf(file));
        Assert.Equal("/tmp/cache/net-01234567.pth.partial", new WeightCache("/tmp/cache").PartialPathOf(file));
    }
}
