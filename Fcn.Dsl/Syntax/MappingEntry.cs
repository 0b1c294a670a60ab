namespace Fcn.Dsl.Syntax;

/// <summary>One <c>key: value</c> pair. Keys are always scalars (the reader rejects others).</summary>
public sealed record MappingEntry(ScalarNode Key, YamlNode Value);
