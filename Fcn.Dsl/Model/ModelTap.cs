namespace Fcn.Dsl.Model;

/// <summary>
/// A backbone feature the head reads, by the name the spec uses for it: tap <see cref="Name"/> reads
/// node <see cref="Node"/> (VGG16's tap <c>fc7</c> is the output of node <c>drop7</c>).
/// </summary>
public sealed record ModelTap(string Name, string Node);
