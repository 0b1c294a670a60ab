using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fcn.Benchmarks.Generator;

/// <summary>
/// A project's worth of specs for the whole-generator and build benchmarks: the example specs, then
/// renamed copies of them in turn until there are <c>count</c>. A copy declares a new model name
/// (e.g. <c>Fcn8sCopy12</c>) and keeps its <c>extends:</c>, so it still derives from the original
/// base spec, as a user's variations of a published net would.
/// </summary>
public static class SpecCorpus
{
    private static readonly Regex ModelLine = new(@"^model:\s*(\S+)", RegexOptions.Multiline);

    public static IReadOnlyList<SpecText> Create(int count)
    {
        IReadOnlyList<SpecText> examples = ExampleSpecs.All;
        var corpus = new List<SpecText>(count);
        for (int i = 0; i < count; i++)
        {
            SpecText example = examples[i % examples.Count];
            if (i < examples.Count)
            {
                corpus.Add(new SpecText("specs/" + example.FileName, example.Text));
                continue;
            }

            string copy = i.ToString(CultureInfo.InvariantCulture);
            string text = ModelLine.Replace(example.Text, match => "model: " + match.Groups[1].Value + "Copy" + copy, 1);
            string fileName = example.FileName.Replace(".fcn.yaml", "-copy" + copy + ".fcn.yaml");
            corpus.Add(new SpecText("specs/" + fileName, text));
        }

        return corpus;
    }
}
