using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Model;
using Fcn.Dsl.Semantics.Keys;
using Fcn.Dsl.Semantics.Names;
using Fcn.Dsl.Syntax;

namespace Fcn.Dsl.Semantics.Reading;

/// <summary>
/// Reads <c>weights:</c>, the files a model was published with: a list of
/// <c>{ name, for: model | backbone, url, sha256 }</c>. Every entry must be verifiable after download,
/// by its full <c>sha256:</c> or by the digest prefix torch.hub reads from the file name
/// (<c>fcn_resnet50_coco-1167a1af.pth</c>); an entry that cannot be is an error here, at its line, not
/// a surprise after a 200 MB download.
/// </summary>
internal sealed class PublishedWeightsReader
{
    /// <summary>torch.hub's <c>HASH_REGEX</c> (torch/hub.py, PyTorch 1.13): the first <c>-hex.</c> in the file name.</summary>
    private static readonly Regex FileNameHash = new("-([a-f0-9]*)\\.", RegexOptions.CultureInvariant);

    /// <summary>Shorter prefixes (torch.hub accepts even an empty one) check too little to count as a checksum.</summary>
    public const int MinimumPrefixLength = 8;

    private readonly ValueReader reader;

    public PublishedWeightsReader(ValueReader reader) => this.reader = reader;

    private DiagnosticSink Sink => reader.Sink;

    public EquatableArray<PublishedWeightFile> Read(YamlNode? node)
    {
        var files = new List<PublishedWeightFile>();
        if (node is null || node is ScalarNode { IsNull: true }) return files.ToEquatableArray();
        if (node is not SequenceNode list)
        {
            Sink.Error(DiagnosticIds.WrongType, node.Span, $"'weights' must be a list of files such as '- {{ name: imagenet, for: backbone, url: https://.../vgg16-397923af.pth }}', but it is {node.Describe()}.");
            return files.ToEquatableArray();
        }

        var names = new Dictionary<string, PublishedWeightFile>();
        var fileNames = new Dictionary<string, PublishedWeightFile>();
        foreach (YamlNode item in list.Items)
        {
            if (ReadEntry(item) is not { } file) continue;
            MappingNode entry = (MappingNode)item;
            if (names.ContainsKey(file.Name))
            {
                Sink.Error(DiagnosticIds.DuplicateWeights, entry.Get("name")!.Span, $"Two 'weights:' entries are named '{file.Name}'. Give each file its own name: it is how '--weights published:NAME' picks one.");
                continue;
            }
            if (fileNames.TryGetValue(file.FileName, out PublishedWeightFile? other) && other.Url != file.Url)
            {
                Sink.Error(DiagnosticIds.DuplicateWeights, entry.Get("url")!.Span, $"'{file.Name}' and '{other.Name}' download different URLs to the same file name '{file.FileName}', and the cache keeps files by name. Use one URL, or rename one file on the server.");
                continue;
            }
            names[file.Name] = file;
            fileNames[file.FileName] = file;
            files.Add(file);
        }
        return files.ToEquatableArray();
    }

    private PublishedWeightFile? ReadEntry(YamlNode item)
    {
        if (item is not MappingNode entry)
        {
            Sink.Error(DiagnosticIds.WrongType, item.Span, $"A 'weights:' entry must be a mapping such as '{{ name: imagenet, for: backbone, url: https://.../vgg16-397923af.pth }}', but it is {item.Describe()}.");
            return null;
        }
        reader.CheckKeys(entry, SpecKeys.Weights, "a 'weights:' entry");

        string? name = ReadName(entry);
        WeightFilePurpose purpose = ReadPurpose(entry);
        (string Url, string FileName)? location = ReadUrl(entry, name);
        string? sha256 = ReadSha256(entry);
        if (name is null || location is not { } place || (sha256 is null && entry.Has("sha256"))) return null;

        string? prefix = PrefixInFileName(place.FileName);
        if (sha256 is null && prefix is null)
        {
            Sink.Error(DiagnosticIds.WeightsChecksum, entry.Get("url")!.Span,
                $"'{name}' cannot be verified after download: its file name '{place.FileName}' carries no SHA-256 prefix (torch.hub's form 'name-<8+ hex digits>.pth') and the entry has no 'sha256:'. Add 'sha256: <the file's 64-digit SHA-256>' (sha256sum FILE).");
            return null;
        }
        if (sha256 is not null && prefix is not null && !sha256.StartsWith(prefix, StringComparison.Ordinal))
        {
            Sink.Error(DiagnosticIds.WeightsChecksum, entry.Get("sha256")!.Span,
                $"'sha256:' of '{name}' begins {sha256.Substring(0, prefix.Length)}, but its file name '{place.FileName}' says the digest begins {prefix}: one of them is wrong. Check the file with sha256sum and correct it.");
            return null;
        }
        return new PublishedWeightFile(name, purpose, place.Url, place.FileName, sha256, prefix);
    }

    private string? ReadName(MappingNode entry)
    {
        if (entry.Get("name") is not { } node)
        {
            Sink.Error(DiagnosticIds.MissingField, entry.Span, "A 'weights:' entry needs 'name:' (e.g. 'name: imagenet'): '--weights published:NAME' and 'fcn weights pull --name NAME' pick files by it.");
            return null;
        }
        if (reader.Word(node, "name") is not { } name) return null;
        if (IdentifierRules.IsIdentifier(name)) return name;
        Sink.Error(DiagnosticIds.InvalidIdentifier, node.Span, $"The weights name '{name}' must be letters, digits and '_' (not starting with a digit), e.g. 'coco_voc'.");
        return null;
    }

    private WeightFilePurpose ReadPurpose(MappingNode entry)
    {
        if (entry.Get("for") is not { } node) return WeightFilePurpose.Model;
        return reader.Choice(node, "for", SpecKeys.WeightPurposes) == "backbone" ? WeightFilePurpose.Backbone : WeightFilePurpose.Model;
    }

    private (string Url, string FileName)? ReadUrl(MappingNode entry, string? name)
    {
        string whose = name is null ? "this 'weights:' entry" : $"the weights '{name}'";
        if (entry.Get("url") is not { } node)
        {
            Sink.Error(DiagnosticIds.WeightsUrl, entry.Span, $"The entry needs 'url:', the address to download the file from (e.g. 'url: https://download.pytorch.org/models/vgg16-397923af.pth').");
            return null;
        }
        if (node is not ScalarNode scalar || scalar.IsNull
            || !Uri.TryCreate(scalar.Value, UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            Sink.Error(DiagnosticIds.WeightsUrl, node.Span, $"'url:' of {whose} is {node.Describe()}, not an absolute http(s) URL. Write the full address, e.g. 'https://download.pytorch.org/models/vgg16-397923af.pth'.");
            return null;
        }
        string fileName = Uri.UnescapeDataString(uri.AbsolutePath.Substring(uri.AbsolutePath.LastIndexOf('/') + 1));
        if (fileName.Length == 0 || fileName == "." || fileName == ".." || fileName.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            Sink.Error(DiagnosticIds.WeightsUrl, node.Span, $"'url:' {scalar.Value} names no file (its path ends in '/'); the cache keeps files by the URL's last segment. Point it at the file itself.");
            return null;
        }
        return (uri.AbsoluteUri, fileName);
    }

    private string? ReadSha256(MappingNode entry)
    {
        if (entry.Get("sha256") is not { } node) return null;
        string text = node is ScalarNode { IsNull: false } scalar ? scalar.Value : "";
        if (text.Length == 64 && IsHex(text)) return text.ToLowerInvariant();
        string length = text.Length == 0 ? node.Describe() : $"'{text}' ({text.Length} characters)";
        Sink.Error(DiagnosticIds.WeightsChecksum, node.Span, $"'sha256:' must be the file's full SHA-256, 64 hex digits (what sha256sum prints), but it is {length}. Leave it out to check only the prefix in a torch.hub-style file name.");
        return null;
    }

    /// <summary>The hash prefix torch.hub would check for <paramref name="fileName"/>, when it is long enough to count.</summary>
    public static string? PrefixInFileName(string fileName)
    {
        Match match = FileNameHash.Match(fileName);
        return match.Success && match.Groups[1].Length >= MinimumPrefixLength ? match.Groups[1].Value : null;
    }

    private static bool IsHex(string text)
    {
        foreach (char c in text)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        return true;
    }
}
