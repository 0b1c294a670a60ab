using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Fcn.Runtime.Tests;

/// <summary>
/// Fcn.Runtime is a library that applications embed to run and train generated models; a console UI is
/// the application's choice (the fcn tool and the quick start bring theirs, Fcn.Cli/ConsoleUi), not the runtime's.
/// </summary>
public class DependencyTests
{
    [Fact]
    public void Runtime_references_no_console_UI_library()
    {
        Assembly runtime = typeof(ISegmentationModel).Assembly;
        string[] references = runtime.GetReferencedAssemblies().Select(name => name.Name ?? "").ToArray();

        Assert.Contains("TorchSharp", references);   // the check reads real references
        Assert.DoesNotContain(references, name => name.StartsWith("Spectre.", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime.GetExportedTypes(), type => type.Name is "ConsoleCancellation" or "SpectreTrainingObserver" or "MetricsTable");
    }
}
