using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Dsl.Syntax;

namespace Fcn.Cli.Graph;

/// <summary>Whether a model's backbone came from the catalogue (<c>backbone: vgg16</c>, <c>use: resnet50</c>) rather than written-out layers.</summary>
internal static class CatalogueBackbones
{
    /// <summary>
    /// Read from the model's canonical spec (the resolved YAML the compiler keeps with it): the IR holds
    /// only the expanded layers, and a catalogue backbone is exactly the one the user did not write out.
    /// </summary>
    public static bool IsUsedBy(FcnModel model)
    {
        SpecFile canonical = SpecCompiler.Parse(model.SpecFile, model.CanonicalSpec);
        if (canonical.Documents.Count == 0) return false;
        return canonical.Documents[0].Root.Get("backbone") switch
        {
            ScalarNode name => !name.IsNull,
            MappingNode backbone => backbone.Has("use"),
            _ => false,
        };
    }
}
