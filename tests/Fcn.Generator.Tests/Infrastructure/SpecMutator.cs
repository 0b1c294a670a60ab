using System;
using System.Collections.Generic;
using System.Linq;

namespace Fcn.Generator.Tests.Infrastructure;

/// <summary>
/// Broken specs for robustness tests: the example specs mutated by a seeded random generator (lines
/// deleted, duplicated, swapped or truncated; characters flipped; garbage, deep nesting, aliases and
/// huge numbers inserted). The same seed gives the same corpus.
/// </summary>
internal static class SpecMutator
{
    private static readonly string[] Insertions =
    {
        "\t", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "!!binary ", "99999999999999999999", "-1", "0.0", "$nope",
        "op: repeat", "times: 1000000", "extends: Fcn32s", "{ name: x, op: sum, inputs: [x, x] }", "\0", "\u00e9", "'",
        "\"", "%YAML 1.1\n", "---\n", "...\n", "? ", "| ", "> ",
    };

    public static IEnumerable<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var originals = ExampleSpecs.Names.Select(ExampleSpecs.Text).ToList();
        yield return "";
        yield return "\u0001\u0002binary\u00ff";
        yield return string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500));
        yield return "a: &x [*x]\nmodel: Alias\n";
        for (int i = 4; i < count; i++)
        {
            var lines = originals[random.Next(originals.Count)].Split('\n').ToList();
            int mutations = 1 + random.Next(3);
            for (int m = 0; m < mutations && lines.Count > 0; m++) Mutate(lines, random);
            yield return string.Join("\n", lines);
        }
    }

    private static void Mutate(List<string> lines, Random random)
    {
        int index = random.Next(lines.Count);
        switch (random.Next(7))
        {
            case 0: lines.RemoveAt(index); break;
            case 1: lines.Insert(index, lines[index]); break;
            case 2:
                int other = random.Next(lines.Count);
                (lines[index], lines[other]) = (lines[other], lines[index]);
                break;
            case 3: lines[index] = lines[index].Substring(0, random.Next(lines[index].Length + 1)); break;
            case 4:
                if (lines[index].Length > 0)
                {
                    char[] chars = lines[index].ToCharArray();
                    chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
                    lines[index] = new string(chars);
                }
                break;
            case 5:
                int at = random.Next(lines[index].Length + 1);
                lines[index] = lines[index].Insert(at, Insertions[random.Next(Insertions.Length)]);
                break;
            default:
                lines[index] = new string(' ', random.Next(12)) + lines[index].TrimStart();
                break;
        }
    }
}
