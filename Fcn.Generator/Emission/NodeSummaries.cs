using Fcn.Dsl.Analysis;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>
/// The node's sentence (<see cref="NodeDescriber"/>, defined once in Fcn.Dsl) as XML documentation: prose
/// escaped, a spec parameter in code style. A property's summary cannot use <c>paramref</c> for a
/// constructor parameter (CS1734 where XML docs are generated), so the parameter is named with its default.
/// </summary>
internal static class NodeSummaries
{
    private static readonly NodeDescriber Xml = new XmlDescriber();

    public static string For(Node node) => Xml.Describe(node);

    private sealed class XmlDescriber : NodeDescriber
    {
        protected override string Text(string text) => CSharpLiterals.Xml(text);

        protected override string Parameter(string name, double defaultValue) =>
            "<c>" + CSharpLiterals.Xml(name) + "</c> (a constructor parameter, default " + CSharpLiterals.Double(defaultValue) + ")";
    }
}
