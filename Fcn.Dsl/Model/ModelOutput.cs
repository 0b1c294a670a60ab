namespace Fcn.Dsl.Model;

/// <summary>
/// A named output of the model (<c>outputs:</c> in YAML). The first is always <c>out</c>, the main
/// prediction; others (e.g. <c>aux</c>) are auxiliary outputs such as torchvision's aux classifier.
/// </summary>
public sealed record ModelOutput(string Name, string Node);
