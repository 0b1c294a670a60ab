using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Fcn.Generator.Emission;

/// <summary>
/// C# names for the generated members. Fields keep the node's own name (that is what makes the
/// state-dict keys right); properties, record members and helper locals get names that cannot clash
/// with each other, with the generated members, or with what the class inherits from TorchSharp's
/// <c>Module</c> (hiding an inherited member is warning CS0108, an error under warnings-as-errors).
/// </summary>
internal static class MemberNames
{
    /// <summary>
    /// Members every generated class has or inherits whose names are PascalCase; a PascalCase property
    /// derived from a node name must avoid them. The inherited ones are TorchSharp 0.107's
    /// <c>Module</c> members (a test compares this list with the real type).
    /// </summary>
    public static readonly IReadOnlyCollection<string> ReservedPascalCase = new HashSet<string>(StringComparer.Ordinal)
    {
        "Outputs", "FeatureMaps", "Description", "Info", "Features", "ForwardOutputs",
        "BoxedModule", "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "Create",
        "Dispose", "Equals", "Finalize", "GetDefaultDeviceAndType", "GetHashCode", "GetName", "GetType",
        "MemberwiseClone", "ReferenceEquals", "RegisterComponents", "ReplaceBuffer", "ReplaceParameter", "ToString",
    };

    /// <summary>
    /// Lower-case members inherited from TorchSharp's <c>Module</c>. A field named like one of them (a node
    /// called <c>train</c> or <c>name</c>) is declared <c>new</c>, which keeps the state-dict key intact.
    /// </summary>
    public static readonly IReadOnlyCollection<string> InheritedLowerCase = new HashSet<string>(StringComparer.Ordinal)
    {
        "_deviceIndex", "_deviceType", "_internal_buffers", "_internal_params", "_internal_submodules",
        "module_post_hooks", "module_pre_hooks", "name", "post_hooks", "pre_hooks",
        "_named_buffers", "_named_parameters", "_parameters", "_to", "_toEpilog", "add_module", "apply", "buffers",
        "call", "children", "eval", "forward", "get_buffer", "get_parameter", "has_buffer", "has_parameter", "load",
        "load_state_dict", "modules", "named_buffers", "named_children", "named_modules", "named_parameters",
        "parameters", "register_buffer", "register_forward_hook", "register_forward_pre_hook", "register_module",
        "register_parameter", "save", "save_state_dict", "state_dict", "train", "training", "zero_grad",
    };

    /// <summary>Members of a positional record that its parameters must not be named like.</summary>
    private static readonly HashSet<string> RecordMembers = new(StringComparer.Ordinal)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType", "MemberwiseClone", "Finalize",
    };

    /// <summary>
    /// <c>conv1_1</c> -> <c>Conv1_1</c>, <c>score_fr</c> -> <c>ScoreFr</c>, <c>upscore_pool4</c> -> <c>UpscorePool4</c>:
    /// the first letter and every letter after an underscore are capitalized and those underscores dropped;
    /// an underscore between digits stays, so <c>conv1_1</c> and <c>conv11</c> stay apart.
    /// </summary>
    public static string PascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool capitalizeNext = true;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '_' && i + 1 < name.Length && char.IsLetter(name[i + 1]) && builder.Length > 0)
            {
                capitalizeNext = true;
                continue;
            }
            builder.Append(capitalizeNext ? char.ToUpperInvariant(c) : c);
            capitalizeNext = false;
        }
        return builder.Length == 0 ? "Node" : builder.ToString();
    }

    /// <summary>An identifier as C# source: keywords get the <c>@</c> prefix.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>Assigns names that are unique within one scope, in the order asked.</summary>
    internal sealed class Scope
    {
        private readonly HashSet<string> taken;

        public Scope(IEnumerable<string> reserved) => taken = new HashSet<string>(reserved, StringComparer.Ordinal);

        public static Scope ForRecord() => new(RecordMembers);

        /// <summary>Claims <paramref name="name"/>, or the first free of <c>name + suffix</c>, <c>name + suffix + "2"</c>, ...</summary>
        public string Claim(string name, string suffix)
        {
            if (taken.Add(name)) return name;
            string candidate = name + suffix;
            for (int n = 2; !taken.Add(candidate); n++) candidate = name + suffix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return candidate;
        }

        public void Reserve(string name) => taken.Add(name);
    }
}
