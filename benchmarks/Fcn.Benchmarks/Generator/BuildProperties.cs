using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// The analyzer options a build passes to the generator: only <c>build_property.RootNamespace</c>,
/// which gives specs without a namespace the project's.
/// </summary>
public sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options global;

    public BuildProperties(string rootNamespace) =>
        global = new Options(ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", rootNamespace));

    public override AnalyzerConfigOptions GlobalOptions => global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        private readonly ImmutableDictionary<string, string> values;

        public Options(ImmutableDictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
