namespace Fcn.Dsl.Model;

/// <summary>
/// A named output of the model (<c>outputs:</c> in YAML). The first is the main prediction (<c>out</c>,
/// or the first written when every output declares its own class count); others (e.g. <c>aux</c>) are
/// auxiliary outputs such as torchvision's aux classifier, or the further tasks of a multi-task net.
/// </summary>
public sealed record ModelOutput(string Name, string Node)
{
    /// <summary>
    /// The output's own class count (<c>outputs: { geo: { node: score_geo, classes: 3 } }</c>), or null when it
    /// predicts the spec's <c>classes:</c>. With one, the score layers it reads have <see cref="ChannelCount.ClassSet"/> <see cref="Name"/>.
    /// </summary>
    public int? Classes { get; init; }

    /// <summary>The class set of this output's channels: its <see cref="Name"/> when it has its own count, else null.</summary>
    public string? ClassSet => Classes is null ? null : Name;
}
