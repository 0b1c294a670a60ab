using System;
using System.IO;
using Fcn.Generator.Diagnostics;
using Fcn.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Fcn.Generator.Tests.Pipeline;

/// <summary>
/// A diagnostic's help link is an absolute URI an IDE can open: spec.md's entry for the ID (headings there
/// are the lower-case IDs) under FcnDocsBaseUrl, which the generator package's props point at the copy of
/// docs/spec.md it ships (Directory.Build.props: this checkout's docs/). Without the property the link is
/// the path inside the repository (GeneratorDiagnosticsTests.Unknown_key_is_reported_at_the_key).
/// </summary>
public sealed class HelpLinkTests
{
    private const string Broken = "model: Broken\nclases: 5\n";   // FCN0002, unknown key

    [Fact]
    public void A_folder_path_becomes_a_file_uri_to_the_entry_in_spec_md()
    {
        string folder = Path.Combine(Path.GetTempPath(), "fcn docs") + Path.DirectorySeparatorChar;
        string link = DiagnosticHelpLinks.For("FCN0002", folder);

        var uri = new Uri(link);
        Assert.True(uri.IsFile, link);
        Assert.Equal(Path.Combine(folder, "spec.md"), uri.LocalPath);
        Assert.Equal("#fcn0002", uri.Fragment);
        Assert.Contains("fcn%20docs/spec.md", link, StringComparison.Ordinal);   // escaped: an IDE opens it as is
    }

    [Fact]
    public void A_url_base_keeps_its_scheme_and_a_missing_slash_is_added()
    {
        Assert.Equal("https://example.org/fcndsl/docs/spec.md#fcn1001", DiagnosticHelpLinks.For("FCN1001", "https://example.org/fcndsl/docs"));
    }

    [Fact]
    public void The_build_property_reaches_the_reported_diagnostic()
    {
        var harness = new GeneratorHarness(new[] { ("/specs/broken.fcn.yaml", Broken) }, docsBaseUrl: "/opt/fcndsl/docs/");
        Diagnostic diagnostic = Assert.Single(harness.Run().Diagnostics, d => d.Id == "FCN0002");

        Assert.Equal("file:///opt/fcndsl/docs/spec.md#fcn0002", diagnostic.Descriptor.HelpLinkUri);
    }
}
