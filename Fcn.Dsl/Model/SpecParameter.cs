namespace Fcn.Dsl.Model;

/// <summary>A parameter declared under <c>parameters:</c>; it becomes an optional constructor argument.</summary>
public sealed record SpecParameter(string Name, double Default, string? Description);
