using System;
using System.IO;
using System.Linq;
using Fcn.Dsl;
using Fcn.Dsl.Model;
using Fcn.Export.PyTorch;
using Xunit;

namespace Fcn.Export.Tests.PyTorch;

/// <summary>
/// Node names that are fine in C# but not as plain Python attributes or locals: nn.Module's own members
/// (<c>self.type</c> would find the method, not the layer), the module's imports and helpers (a local <c>F</c>
/// would hide torch.nn.functional), Python keywords (<c>lambda</c>).
/// </summary>
public sealed class PythonNamingTests
{
    private const string Spec = """
        model: Awkward
        classes: 2
        backbone:
          layers:
            - { name: type, op: conv, out: 4, kernel: 3, pad: 1 }
            - { name: F, op: relu }
            - { name: crop_like, op: conv, out: 4, kernel: 1 }
        head:
          - { name: lambda, op: score, from: crop_like }
        outputs:
          out: lambda
        """;

    [Fact]
    public void Layers_that_a_plain_attribute_would_miss_are_registered_by_name()
    {
        string module = PyTorchModuleWriter.Write(Compile(Spec));

        Assert.Contains("self._modules[\"type\"] = nn.Conv2d(3, 4, kernel_size=3, padding=1)", module);
        Assert.Contains("self._modules[\"lambda\"] = nn.Conv2d(4, classes, kernel_size=1)", module);
        Assert.Contains("type = self._modules[\"type\"](input)", module);
        Assert.Contains("F_ = self.F(type)", module);
        Assert.Contains("crop_like_ = self.crop_like(F_)", module);
        Assert.Contains("lambda_ = self._modules[\"lambda\"](crop_like_)", module);
    }

    [Fact]
    public void A_parameter_named_by_a_Python_keyword_is_refused_with_its_name()
    {
        FcnModel model = Compile(Spec.Replace("classes: 2", "classes: 2\nparameters:\n  pass: { default: 0.5 }"));

        var error = Assert.Throws<NotSupportedException>(() => PyTorchModuleWriter.Write(model));
        Assert.Contains("'pass' is a Python keyword", error.Message);
    }

    [PythonFact]
    public void The_module_runs_and_has_the_nodes_keys()
    {
        using var folder = new TemporaryFolder("fcn-names-");
        File.WriteAllText(folder.File("awkward.py"), PyTorchModuleWriter.Write(Compile(Spec)));

        string output = PythonTorch.RunScript("-c", new[]
        {
            "import importlib.util, torch; s = importlib.util.spec_from_file_location('m', '" + folder.File("awkward.py") + "'); "
            + "m = importlib.util.module_from_spec(s); s.loader.exec_module(m); net = m.Awkward(); "
            + "print(sorted(net.state_dict().keys()), tuple(net(torch.randn(1, 3, 5, 7)).shape))",
        }, TimeSpan.FromMinutes(2));

        Assert.Contains("['crop_like.bias', 'crop_like.weight', 'lambda.bias', 'lambda.weight', 'type.bias', 'type.weight'] (1, 2, 5, 7)", output);
    }

    private static FcnModel Compile(string text)
    {
        SpecCompilation compilation = SpecCompiler.CompileText("awkward.fcn.yaml", text);
        Assert.DoesNotContain(compilation.Diagnostics, diagnostic => diagnostic.IsError);
        return compilation.Models.Single();
    }
}
