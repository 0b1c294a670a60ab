using System.Collections.Generic;
using Fcn.Dsl.Diagnostics;
using Fcn.Dsl.Semantics.Graph;
using Fcn.Dsl.Semantics.Reading;

namespace Fcn.Dsl.Semantics.Names;

/// <summary>
/// Checks that node and tap names can be the generated fields, properties and record members:
/// valid identifiers, not keywords, and not colliding with the class's own members, its type name or
/// its constructor parameters.
/// </summary>
internal sealed class NameChecker
{
    private readonly DiagnosticSink sink;
    private readonly string typeName;
    private readonly HashSet<string> parameterNames;

    public NameChecker(DiagnosticSink sink, string typeName, IEnumerable<string> parameterNames)
    {
        this.sink = sink;
        this.typeName = typeName;
        this.parameterNames = new HashSet<string>(parameterNames);
    }

    public void CheckNode(DeclaredNode node)
    {
        string name = node.Name;
        if (!CheckIdentifier(name, node.NameSpan, "node")) return;
        string pascal = IdentifierRules.PascalCase(name);
        string? clash =
            IdentifierRules.ReservedMembers.Contains(name) || IdentifierRules.ReservedMembers.Contains(pascal) ? "a member of the generated class or of TorchSharp's Module"
            : name == typeName || pascal == typeName ? "the model's own type name"
            : parameterNames.Contains(name) ? "a parameter of the spec (a constructor argument)"
            : null;
        if (clash is not null)
            sink.Error(DiagnosticIds.ReservedName, node.NameSpan, $"The node name '{name}' collides with {clash}. Rename the node (e.g. '{name}_1').");
    }

    public void CheckTap(TapDeclaration tap) => CheckIdentifier(tap.Name, tap.Span, "tap");

    private bool CheckIdentifier(string name, SourceSpan span, string what)
    {
        if (!IdentifierRules.IsIdentifier(name))
        {
            sink.Error(DiagnosticIds.InvalidIdentifier, span, $"The {what} name '{name}' is not a valid C# identifier: use letters, digits and '_', not starting with a digit (e.g. 'conv1_1').");
            return false;
        }
        if (IdentifierRules.Keywords.Contains(name))
        {
            sink.Error(DiagnosticIds.KeywordName, span, $"The {what} name '{name}' is a C# keyword. Pick another name (e.g. '{name}_1').");
            return false;
        }
        return true;
    }
}
