using System.Globalization;
using System.Threading;
using Xunit;

namespace Fcn.Runtime.Tests;

public sealed class FcnModelInfoTests
{
    [Fact]
    public void ToTable_aligns_columns_and_formats_numbers_invariantly()
    {
        var info = new FcnModelInfo(
            "Tiny", "A test net.", 4, 3, 1234567, 32, 404,
            new[]
            {
                new FcnNodeInfo("input", "input", "3", "1", "0", 1, 0, new int?[0], new string[0]),
                new FcnNodeInfo("conv1_1", "conv", "16", "1", "-15", 3, 448, new int?[] { null }, new[] { "input" }),
                new FcnNodeInfo("score", "crop", "classes", "1", "0", 404, 0, new int?[] { 11, null }, new[] { "upscore8", "input" }),
            },
            new[] { "out" }, "tiny.fcn.yaml", "model: Tiny\n");

        CultureInfo previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE"); // would write 1.234.567
        try
        {
            string expected =
                "Tiny: 1,234,567 parameters, 4 classes, output stride 32, receptive field 404\n" +
                "node     kind   channels  stride  offset   rf  params  crop  inputs\n" +
                "-------  -----  --------  ------  ------  ---  ------  ----  ---------------\n" +
                "input    input  3         1       0         1       0\n" +
                "conv1_1  conv   16        1       -15       3     448        input\n" +
                "score    crop   classes   1       0       404       0    11  upscore8, input\n";
            Assert.Equal(expected, info.ToTable());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ToTable_lists_the_offset_of_every_cropped_input_in_input_order()
    {
        // A concatenation cropping its second input at 1 and its third at 3 onto the first (read whole).
        var info = new FcnModelInfo(
            "Three", null, 2, 1, 0, 1, 5,
            new[] { new FcnNodeInfo("all", "concat", "12", "1", "2", 5, 0, new int?[] { null, 1, 3 }, new[] { "conv2", "conv1", "input" }) },
            new[] { "out" }, "three.fcn.yaml", "model: Three\n");

        string row = info.ToTable().Split('\n')[3];

        Assert.Contains("  1, 3  conv2, conv1, input", row);
    }

    [Fact]
    public void Without_inputs_or_heads_of_its_own_a_description_has_one_input_and_its_main_output_as_only_head()
    {
        var info = new FcnModelInfo("Net", null, 21, 3, 0, 8, 100, new FcnNodeInfo[0], new[] { "out", "aux" }, "net.fcn.yaml", "");

        Assert.Equal(new[] { new FcnInputInfo("input", 3) }, info.Inputs);
        Assert.Equal(new[] { 21, 21 }, info.OutputClasses);
        Assert.Equal(new[] { "out" }, info.Heads);
        Assert.False(info.IsMultiTask);
        Assert.Equal(21, info.ClassesOf("aux"));
    }

    [Fact]
    public void Generated_zoo_descriptions_name_their_inputs_and_heads()
    {
        // nyud-fcn32s-color-hha: inputs { color: 3, hha: 3 }; siftflow-fcn8s: outputs sem (33 classes) and geo (3).
        Assert.Equal(new[] { new FcnInputInfo("color", 3), new FcnInputInfo("hha", 3) }, NyudFcn32sColorHha.Description.Inputs);
        Assert.Equal(new[] { "sem", "geo" }, SiftFlowFcn8s.Description.Heads);
        Assert.Equal(new[] { 33, 3 }, SiftFlowFcn8s.Description.OutputClasses);
        Assert.Equal(3, SiftFlowFcn8s.Description.ClassesOf("geo"));
    }
}
