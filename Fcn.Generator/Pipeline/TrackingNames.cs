namespace Fcn.Generator.Pipeline;

/// <summary>
/// Names of the incremental pipeline's steps. Tests read a driver run's tracked steps by these names
/// to prove that an unrelated edit leaves every step cached.
/// </summary>
internal static class TrackingNames
{
    public const string SpecSources = nameof(SpecSources);
    public const string ParsedSpecs = nameof(ParsedSpecs);
    public const string AllParsedSpecs = nameof(AllParsedSpecs);
    public const string Options = nameof(Options);
    public const string Compilation = nameof(Compilation);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Models = nameof(Models);
    public const string GeneratedSources = nameof(GeneratedSources);
    public const string AnyModel = nameof(AnyModel);
}
