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
}
