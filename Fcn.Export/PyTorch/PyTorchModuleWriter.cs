using System;
using System.Collections.Generic;
using System.Linq;
using Fcn.Dsl.Model;

namespace Fcn.Export.PyTorch;

/// <summary>
/// Writes a spec's model (the IR the C# generator reads) as one self-contained, readable Python file: a
/// <c>torch.nn.Module</c> named as the model, with the generated TorchSharp class's constructor arguments,
/// attribute names (hence state-dict keys), initialization and <c>forward</c>. It needs only torch, and
/// torchvision when the spec uses a catalogue ResNet (its trunk is torchvision's own, see <see cref="PythonHelper.ResNetTrunk"/>).
/// </summary>
public static class PyTorchModuleWriter
{
    /// <summary>The Python source of <paramref name="model"/>'s module.</summary>
    /// <exception cref="NotSupportedException">The model or one of its parameters is named by a Python keyword.</exception>
    public static string Write(FcnModel model)
    {
        if (model is null) throw new ArgumentNullException(nameof(model));
        PythonNames.RequireUsable(model.TypeName, "model name");
        foreach (SpecParameter parameter in model.Parameters) PythonNames.RequireUsable(parameter.Name, "parameter");

        var helpers = new SortedSet<PythonHelper>();
        var layers = new PyTorchLayerVisitor(helpers);
        var expressions = new PyTorchForwardVisitor(helpers);

        // Both bodies first: they decide which helpers and imports the file needs.
        var constructor = new PythonSourceWriter();
        WriteConstructorBody(constructor, model, layers);
        var forward = new PythonSourceWriter();
        WriteForwardBody(forward, model, expressions);

        var file = new PythonSourceWriter();
        WriteHeader(file, model);
        file.Line("import torch");
        file.Line("from torch import nn");
        if (expressions.UsesFunctional) file.Line("import torch.nn.functional as F");
        foreach (string import in helpers.Select(PythonHelperSource.Import).OfType<string>().Distinct()) file.Line(import);
        file.Line();
        foreach (PythonHelper helper in helpers)
        {
            file.Line();
            file.Lines(PythonHelperSource.Text(helper));
            file.Line();
        }

        file.Line();
        file.Line("class " + model.TypeName + "(nn.Module):");
        file.Indent();
        WriteClassDocstring(file, model);
        file.Line();
        file.Line("def __init__(" + string.Join(", ", ConstructorParameters(model)) + "):");
        file.Indent();
        file.Lines(constructor.ToString());
        file.Unindent();
        file.Line();
        // The inputs as named arguments in declaration order, as the generated C# forward(color, hha) takes them.
        file.Line("def forward(" + string.Join(", ", new[] { "self" }.Concat(model.InputNodes.Select(input => PythonNames.Local(input.Name)))) + "):");
        file.Indent();
        file.Lines(forward.ToString());
        return file.ToString();
    }

    private static void WriteHeader(PythonSourceWriter file, FcnModel model)
    {
        file.Line("\"\"\"" + model.TypeName + (model.Description is { Length: > 0 } description ? ": " + OneLine(description) : "."));
        file.Line();
        file.Line("Exported by `fcn export --format pytorch` from " + model.SpecFile + " (FcnDsl). Edit the spec and export again");
        file.Line("rather than editing this file. The attribute names, hence the state-dict keys, are those of the TorchSharp");
        file.Line("class the spec generates, so weights move both ways with plain state dicts:");
        file.Line();
        file.Line("    model.load_state_dict(torch.load(\"weights.pt\"))   # written in .NET by StateDictFile.Write");
        file.Line("    torch.save(model.state_dict(), \"ckpt.pt\")          # read back by `fcn eval --weights ckpt.pt`");
        file.Line("\"\"\"");
        file.Line();
    }

    private static void WriteClassDocstring(PythonSourceWriter file, FcnModel model)
    {
        file.Line("\"\"\"" + (model.Description is { Length: > 0 } description ? OneLine(description) : model.TypeName + "."));
        file.Line();
        file.Line("Args:");
        foreach (string? set in model.ConstructorClassSets)
            file.Line("    " + PythonLiterals.ClassesOf(set) + ": classes to predict" + (set is null ? "" : " in the output " + PythonLiterals.String(set))
                + " (default " + PythonLiterals.Int(model.ClassCounts.Of(set)) + ").");
        foreach (SpecParameter parameter in model.Parameters)
            file.Line("    " + parameter.Name + ": " + (parameter.Description is { Length: > 0 } text ? OneLine(text).TrimEnd('.') : "a spec parameter")
                + " (default " + PythonLiterals.Double(parameter.Default) + ").");
        file.Line();
        string shape = "N x classes x h x w";
        string takes = "forward(" + string.Join(", ", model.InputNodes.Select(input => PythonNames.Local(input.Name))) + ") takes "
            + string.Join(" and ", model.InputNodes.Select(input => "N x " + PythonLiterals.Int(((InputOperation)input.Operation).Channels) + " x H x W "
                + (model.HasSeveralInputs ? PythonNames.Local(input.Name) + " " : "") + "images"));
        file.Line(model.HasAuxiliaryOutputs
            ? takes + " and returns a dict of " + shape + " scores: " + string.Join(", ", model.Outputs.Select(output => PythonLiterals.String(output.Name))) + "."
            : takes + " and returns " + shape + " scores.");
        file.Line("\"\"\"");
    }

    private static IEnumerable<string> ConstructorParameters(FcnModel model)
    {
        yield return "self";
        foreach (string? set in model.ConstructorClassSets)
            yield return PythonLiterals.ClassesOf(set) + "=" + PythonLiterals.Int(model.ClassCounts.Of(set));
        foreach (SpecParameter parameter in model.Parameters)
            yield return parameter.Name + "=" + PythonLiterals.Double(parameter.Default);
    }

    /// <summary>Layers in the spec's order (the state dict's order), then their initialization under no_grad.</summary>
    private static void WriteConstructorBody(PythonSourceWriter body, FcnModel model, PyTorchLayerVisitor layers)
    {
        body.Line("super().__init__()");
        foreach (string? set in model.ConstructorClassSets)
        {
            body.Line("if " + PythonLiterals.ClassesOf(set) + " < 1:");
            body.Line("    raise ValueError(\"a segmentation model needs at least one class\")");
        }

        // forward reads the scale factors that parameters supply; the other parameters only shape the layers.
        foreach (string parameter in model.Nodes
            .Select(node => node.Operation is ScaleOperation scale ? scale.Factor.Parameter : null)
            .OfType<string>().Distinct().OrderBy(name => name, StringComparer.Ordinal))
            body.Line("self." + parameter + " = " + parameter);

        var initialization = new List<string>();
        foreach (Node node in model.Nodes)
        {
            if (node.Accept(layers) is not { } layer) continue;
            if (node.Documentation is { Length: > 0 } documentation) body.Comment(documentation);
            // A name that is a keyword or an nn.Module member (add_module refuses those) goes into _modules directly:
            // the state-dict key is still the node's name.
            body.Lines(PythonNames.Layer(node.Name) + " = " + layer.Creation);
            initialization.AddRange(layer.Initialization);
        }

        if (initialization.Count == 0) return;
        body.Line();
        body.Line("with torch.no_grad():");
        body.Indent();
        foreach (string statement in initialization) body.Line(statement);
        body.Unindent();
    }

    /// <summary>Straight-line code over the nodes some output needs, in topological order; one local per node.</summary>
    private static void WriteForwardBody(PythonSourceWriter body, FcnModel model, PyTorchForwardVisitor expressions)
    {
        HashSet<string> live = NodesTheOutputsNeed(model);
        foreach (Node node in model.Nodes)
        {
            if (!live.Contains(node.Name) || node.Accept(expressions) is not { } expression) continue;
            body.Line(PythonNames.Local(node.Name) + " = " + expression);
        }

        if (!model.HasAuxiliaryOutputs)
        {
            body.Line("return " + PythonNames.Local(model.Outputs[0].Node));
            return;
        }
        body.Line("return {" + string.Join(", ", model.Outputs.Select(output => PythonLiterals.String(output.Name) + ": " + PythonNames.Local(output.Node))) + "}");
    }

    /// <summary>The outputs' nodes and, transitively, their dependencies (the spec compiler already warned about the rest).</summary>
    private static HashSet<string> NodesTheOutputsNeed(FcnModel model)
    {
        Dictionary<string, Node> byName = model.Nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(model.Outputs.Select(output => output.Node));
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (!byName.TryGetValue(name, out Node? node) || !reached.Add(name)) continue;
            foreach (string dependency in node.Dependencies) pending.Push(dependency);
        }
        return reached;
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim()));
}
