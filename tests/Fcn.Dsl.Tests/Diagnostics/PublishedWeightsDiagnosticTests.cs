using Fcn.Dsl.Diagnostics;
using Xunit;

namespace Fcn.Dsl.Tests.Diagnostics;

/// <summary>
/// The mistakes one can make in <c>weights:</c> (FCN0501-FCN0503 and the generic ones it shares):
/// each small spec has exactly one, reported at the YAML node that holds it, with what to do.
/// </summary>
public sealed class PublishedWeightsDiagnosticTests
{
    // The weights entry is on line 8; its keys are what each test breaks.
    private const string Valid = """
        model: Net
        backbone:
          layers:
            - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
        head:
          - { name: score, op: score, from: conv1 }
        weights:
          - { name: trained, url: "https://example.org/models/net-0123abcd.pth" }
        outputs:
          out: score
        """;

    private static string With(string entry) => Valid.Replace("{ name: trained, url: \"https://example.org/models/net-0123abcd.pth\" }", entry);

    [Fact]
    public void The_valid_base_spec_has_no_diagnostic() => Assert.Empty(DiagnosticAssert.Compile(Valid));

    [Fact]
    public void FCN0501_missing_url_is_reported_at_the_entry()
    {
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsUrl, 8, "{", With("{ name: trained, sha256: " + new string('a', 64) + " }"));
        Assert.Contains("needs 'url:'", diagnostic.Message);
    }

    [Theory]
    [InlineData("ftp://example.org/net-0123abcd.pth")]
    [InlineData("models/net-0123abcd.pth")]
    public void FCN0501_url_that_is_not_absolute_http(string url)
    {
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsUrl, 8, url, With($"{{ name: trained, url: {url} }}"));
        Assert.Contains("not an absolute http(s) URL", diagnostic.Message);
    }

    [Fact]
    public void FCN0501_url_that_names_no_file()
    {
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsUrl, 8, "\"https", With("{ name: trained, url: \"https://example.org/models/\" }"));
        Assert.Contains("Point it at the file itself", diagnostic.Message);
    }

    [Fact]
    public void FCN0502_sha256_that_is_not_64_hex_digits()
    {
        // 63 digits, as a truncated copy-paste gives.
        string digits = new string('a', 63);
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsChecksum, 8, digits,
            With($"{{ name: trained, url: \"https://example.org/net.pth\", sha256: {digits} }}"));
        Assert.Contains("64 hex digits", diagnostic.Message);
        Assert.Contains("(63 characters)", diagnostic.Message);
    }

    [Fact]
    public void FCN0502_sha256_with_a_letter_that_is_not_hex()
    {
        string digits = new string('a', 63) + "g";
        DiagnosticAssert.Single(DiagnosticIds.WeightsChecksum, 8, digits, With($"{{ name: trained, url: \"https://example.org/net.pth\", sha256: {digits} }}"));
    }

    [Fact]
    public void FCN0502_neither_sha256_nor_a_hash_in_the_file_name()
    {
        // "net-01ab.pth" has a torch.hub-style hash of 4 digits only: too short to count.
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsChecksum, 8, "\"https", With("{ name: trained, url: \"https://example.org/net-01ab.pth\" }"));
        Assert.Contains("Add 'sha256:", diagnostic.Message);
    }

    [Fact]
    public void FCN0502_sha256_that_disagrees_with_the_file_name()
    {
        string digest = "ffff" + new string('0', 60);
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.WeightsChecksum, 8, digest,
            With($"{{ name: trained, url: \"https://example.org/models/net-0123abcd.pth\", sha256: {digest} }}"));
        Assert.Contains("says the digest begins 0123abcd", diagnostic.Message);
    }

    [Fact]
    public void FCN0503_two_entries_with_one_name()
    {
        string spec = """
            model: Net
            backbone:
              layers:
                - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            head:
              - { name: score, op: score, from: conv1 }
            weights:
              - { name: trained, url: "https://example.org/a-0123abcd.pth" }
              - { name: trained, url: "https://example.org/b-4567abcd.pth" }
            outputs:
              out: score
            """;
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.DuplicateWeights, 9, "trained", spec);
        Assert.Contains("Give each file its own name", diagnostic.Message);
    }

    [Fact]
    public void FCN0503_two_urls_with_one_file_name()
    {
        string spec = """
            model: Net
            backbone:
              layers:
                - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
            head:
              - { name: score, op: score, from: conv1 }
            weights:
              - { name: first, url: "https://example.org/a/net-0123abcd.pth" }
              - { name: second, url: "https://example.com/b/net-0123abcd.pth" }
            outputs:
              out: score
            """;
        SpecDiagnostic diagnostic = DiagnosticAssert.Single(DiagnosticIds.DuplicateWeights, 9, "\"https", spec);
        Assert.Contains("same file name 'net-0123abcd.pth'", diagnostic.Message);
    }

    [Fact]
    public void Unknown_key_and_unknown_purpose_use_the_generic_ids()
    {
        DiagnosticAssert.Single(DiagnosticIds.UnknownKey, 8, "hash", With("{ name: trained, hash: x, url: \"https://example.org/net-0123abcd.pth\" }"));
        SpecDiagnostic purpose = DiagnosticAssert.Single(DiagnosticIds.UnknownValue, 8, "backbon", With("{ name: trained, for: backbon, url: \"https://example.org/net-0123abcd.pth\" }"));
        Assert.Contains("Did you mean 'backbone'?", purpose.Message);
    }

    [Fact]
    public void Missing_name_and_a_name_that_is_not_an_identifier()
    {
        DiagnosticAssert.Single(DiagnosticIds.MissingField, 8, "{", With("{ url: \"https://example.org/net-0123abcd.pth\" }"));
        DiagnosticAssert.Single(DiagnosticIds.InvalidIdentifier, 8, "coco-voc", With("{ name: coco-voc, url: \"https://example.org/net-0123abcd.pth\" }"));
    }

    [Fact]
    public void Weights_that_are_not_a_list()
    {
        string spec = Valid.Replace("weights:\n  - { name: trained, url: \"https://example.org/models/net-0123abcd.pth\" }", "weights: https://example.org/net.pth");
        DiagnosticAssert.Single(DiagnosticIds.WrongType, 7, "https", spec);
    }
}
