using System.Collections.Generic;

namespace Fcn.Export.PyTorch;

/// <summary>
/// Node names become attribute names (the state-dict keys) and local names in <c>forward</c>. The spec
/// language already keeps them C# identifiers clear of TorchSharp's members; Python adds its own keywords,
/// a few more <c>nn.Module</c> members, and the module's imports, which a local must not shadow.
/// </summary>
internal static class PythonNames
{
    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /// <summary>Members of <c>nn.Module</c> that an attribute of the same name would not override (methods are found first).</summary>
    private static readonly HashSet<string> ModuleMembers = new(System.StringComparer.Ordinal)
    {
        "add_module", "apply", "bfloat16", "buffers", "children", "cpu", "cuda", "double", "dump_patches", "eval",
        "extra_repr", "float", "forward", "get_buffer", "get_extra_state", "get_parameter", "get_submodule", "half",
        "ipu", "load_state_dict", "modules", "named_buffers", "named_children", "named_modules", "named_parameters",
        "parameters", "register_buffer", "register_module", "register_parameter", "requires_grad_", "share_memory",
        "state_dict", "to", "to_empty", "train", "training", "type", "xpu", "zero_grad",
    };

    /// <summary>Names the module's code uses (imports, helper functions): a node local of the same name would hide them inside <c>forward</c>.</summary>
    private static readonly HashSet<string> ModuleGlobals = new(System.StringComparer.Ordinal)
    {
        "torch", "nn", "F", "torchvision", "self", "classes", "bilinear_kernel", "crop_like", "resnet_trunk", "resnet_stages",
    };

    /// <summary>
    /// The model's class name and the spec's parameters keep their names in Python (they are the class and its
    /// keyword arguments), so a Python keyword there cannot be exported.
    /// </summary>
    /// <exception cref="System.NotSupportedException">The name is a Python keyword.</exception>
    public static void RequireUsable(string name, string what)
    {
        if (Keywords.Contains(name))
            throw new System.NotSupportedException($"The {what} '{name}' is a Python keyword, so it cannot keep its name in the PyTorch module; rename it in the spec.");
    }

    /// <summary>True when the node's layer can be an attribute (<c>self.name</c>); otherwise it is an entry of <c>self._modules</c>.</summary>
    public static bool IsPlainAttribute(string name) => !Keywords.Contains(name) && !ModuleMembers.Contains(name) && !name.StartsWith("_", System.StringComparison.Ordinal);

    /// <summary>How code reaches the layer of node <paramref name="name"/>: <c>self.conv1_1</c>, or <c>self._modules["type"]</c>.</summary>
    public static string Layer(string name) =>
        IsPlainAttribute(name) ? "self." + name : "self._modules[" + PythonLiterals.String(name) + "]";

    /// <summary>The local variable of <c>forward</c> holding node <paramref name="name"/>'s output.</summary>
    public static string Local(string name) =>
        Keywords.Contains(name) || ModuleGlobals.Contains(name) ? name + "_" : name;
}
