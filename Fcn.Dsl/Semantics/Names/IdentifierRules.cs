using System;
using System.Collections.Generic;

namespace Fcn.Dsl.Semantics.Names;

/// <summary>
/// Names in a spec become C# identifiers (the class, its fields, constructor parameters, record
/// properties), so they must be valid ones that cannot collide with what the generator emits.
/// </summary>
internal static class IdentifierRules
{
    /// <summary>C#'s reserved keywords (contextual keywords are legal identifiers and are allowed).</summary>
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit",
        "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int",
        "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out",
        "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed",
        "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try",
        "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// Members of the generated class and of TorchSharp's Module that a node field would hide or clash
    /// with (hiding is warning CS0108, an error under warnings-as-errors), and the forward method's own
    /// locals. Node properties are PascalCase, so both spellings are checked.
    /// </summary>
    public static readonly HashSet<string> ReservedMembers = new(StringComparer.Ordinal)
    {
        "forward", "Forward", "ForwardOutputs", "Info", "Description", "Features", "FeatureMaps", "Outputs",
        "Dispose", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        "input", "classes", "device", "features", "scope",
        "call", "train", "eval", "training", "to", "cpu", "cuda", "half", "bfloat16", "apply", "zero_grad",
        "parameters", "named_parameters", "buffers", "named_buffers", "children", "named_children", "modules",
        "named_modules", "state_dict", "load_state_dict", "load", "save", "register_buffer", "register_parameter",
        "register_module", "RegisterComponents", "GetName",
    };

    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (char c in name)
            if (!(IsLetter(c) || (c >= '0' && c <= '9') || c == '_')) return false;
        return true;
    }

    /// <summary>A dotted namespace: identifiers separated by single dots.</summary>
    /// <summary>Letters, digits and '_' only: what may end an identifier (a backbone's layer-name suffix).</summary>
    public static bool IsIdentifierPart(string text)
    {
        if (text.Length == 0) return false;
        foreach (char c in text)
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
        return true;
    }

    public static bool IsNamespace(string name)
    {
        foreach (string part in name.Split('.'))
            if (!IsIdentifier(part) || Keywords.Contains(part)) return false;
        return true;
    }

    public static string PascalCase(string name) =>
        name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    // ASCII only: identifiers also become state-dict keys, which should be plain.
    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
