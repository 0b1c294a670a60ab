using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Fcn.Tests.Shared;

namespace Fcn.Dsl.Tests.Fuzz;

/// <summary>
/// A deterministic corpus of hostile spec texts for no-throw tests: the example specs mutated (lines
/// deleted, duplicated, swapped; characters flipped; keys and values replaced by random ones; huge
/// numbers), plus deep nesting, anchors and aliases (including "billion laughs"), binary garbage,
/// multi-document files and empty files. Self-contained (no other test file needed), so the
/// generator's tests can link this one file and reuse it.
/// </summary>
public static class SpecCorpus
{
    private static readonly string[] Keys =
    {
        "model", "namespace", "description", "classes", "input_channels", "parameters", "backbone", "head", "outputs",
        "extends", "remove", "variants", "use", "name", "output_stride", "layers", "taps", "op", "from", "inputs", "out",
        "kernel", "stride", "pad", "dilation", "groups", "bias", "init", "std", "eps", "momentum", "ceil", "p", "size",
        "alpha", "beta", "k", "times", "start", "var", "factor", "learnable", "to", "offset", "channels", "dropout", "default",
    };

    private static readonly string[] Values =
    {
        "0", "1", "-1", "2", "32", "64", "0.5", "1e-4", "99999999999999999999", "-2147483649", "2147483647", "1e308", "-1e308",
        ".nan", ".inf", "NaN", "true", "false", "null", "~", "''", "\"\"", "conv", "score", "sum", "concat", "upsample", "crop",
        "resize", "repeat", "fcn_head", "vgg16", "resnet50", "alexnet", "input", "fc7", "pool4", "$dropout", "$", "$nope",
        "auto", "{i}", "\"conv{i}_{j}\"", "[]", "{}", "[a, b]", "{ a: 1 }", "class", "forward", "Fcn32s", "Fcn8s", "é", "\"\\u0000\"",
    };

    // Used when the repository's examples cannot be found (e.g. when this file is linked elsewhere).
    private static readonly string[] BuiltInSeeds =
    {
        "model: Net\nbackbone:\n  layers:\n    - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }\n    - { name: pool1, op: maxpool, kernel: 2 }\nhead:\n  - { name: score, op: score, from: pool1 }\n  - { name: up, op: upsample, factor: 2 }\noutputs:\n  out: up\n",
        "model: Vgg\nbackbone: vgg16\nhead:\n  - { name: score_fr, op: score, from: fc7 }\n  - { name: upscore, op: upsample, factor: 32 }\n  - { name: score, op: crop, to: input }\noutputs: { out: score }\nvariants:\n  - { model: Vgg2, classes: 2 }\n",
        "model: Res\nbackbone: { use: resnet50, output_stride: 8 }\nhead:\n  - { name: classifier, op: fcn_head, from: layer4 }\n  - { name: out_resized, op: resize, to: input }\noutputs:\n  out: out_resized\n",
    };

    /// <summary>
    /// <paramref name="count"/> spec texts from <paramref name="seed"/>: the same arguments always give the
    /// same texts. Each text is meant to be compiled together with the unmodified examples.
    /// </summary>
    public static IEnumerable<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        IReadOnlyList<string> seeds = Seeds();
        for (int i = 0; i < count; i++)
            yield return Next(random, seeds);
    }

    /// <summary>The texts mutations start from: the example specs, then built-in small specs.</summary>
    public static IReadOnlyList<string> Seeds() => ExampleSpecs.Names.Select(ExampleSpecs.Text).Concat(BuiltInSeeds).ToList();

    private static string Next(Random random, IReadOnlyList<string> seeds)
    {
        string start = seeds[random.Next(seeds.Count)];
        int kind = random.Next(100);
        if (kind < 3) return Special(random);
        if (kind < 6) return Garbage(random);
        if (kind < 9) return DeepNesting(random);
        if (kind < 13) return Aliases(random, start);
        // Most cases: a few stacked mutations of a real spec, which keeps them mostly well-formed
        // and so reaches the semantic checks, not just the YAML scanner.
        string text = start;
        int mutations = 1 + random.Next(4);
        for (int m = 0; m < mutations; m++) text = Mutate(random, text);
        return text;
    }

    private static string Mutate(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        int line = random.Next(lines.Count);
        switch (random.Next(9))
        {
            case 0: lines.RemoveAt(line); break;
            case 1: lines.Insert(line, lines[line]); break;
            case 2:
                int other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            case 3: return FlipCharacter(random, text);
            case 4: lines.Insert(line, new string(' ', 2 * random.Next(4)) + Pick(random, Keys) + ": " + Pick(random, Values)); break;
            case 5: return ReplaceWord(random, text, Values);
            case 6: return ReplaceWord(random, text, Keys);
            case 7: lines[line] = lines[line] + "  # " + Pick(random, Values); break;
            default: lines.Insert(line, "  - { name: " + Pick(random, Values) + ", op: " + Pick(random, Values) + ", from: " + Pick(random, Values) + ", " + Pick(random, Keys) + ": " + Pick(random, Values) + " }"); break;
        }
        return string.Join("\n", lines);
    }

    private static string FlipCharacter(Random random, string text)
    {
        if (text.Length == 0) return "{";
        const string special = ":{}[],#&*!|>'\"%@`-? \t\n\\$";
        var builder = new StringBuilder(text);
        int at = random.Next(text.Length);
        builder[at] = random.Next(2) == 0 ? special[random.Next(special.Length)] : (char)random.Next(32, 127);
        return builder.ToString();
    }

    /// <summary>Replaces one word (a run of letters, digits, '_' or '.') by a random replacement.</summary>
    private static string ReplaceWord(Random random, string text, string[] replacements)
    {
        if (text.Length == 0) return Pick(random, replacements);
        int at = random.Next(text.Length);
        int start = at, end = at;
        while (start > 0 && IsWord(text[start - 1])) start--;
        while (end < text.Length && IsWord(text[end])) end++;
        return text.Substring(0, start) + Pick(random, replacements) + text.Substring(end);
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '.';

    private static string Special(Random random) => random.Next(8) switch
    {
        0 => "",
        1 => "   \n\n  ",
        2 => "---\n---\n...\n",
        3 => "model: A\nextends: B\n---\nmodel: B\nextends: A\n",
        4 => "# only a comment\n",
        5 => "model: X\nvariants:\n  - model: X\n  - { model: Y, variants: [ { model: Z, head: [] } ] }\n",
        6 => "\uFEFFmodel: Bom\n",
        _ => "model: " + new string('a', 10_000) + "\n",
    };

    private static string Garbage(Random random)
    {
        var builder = new StringBuilder();
        int length = random.Next(1, 400);
        for (int i = 0; i < length; i++) builder.Append((char)random.Next(0, random.Next(2) == 0 ? 128 : 0xFFFF));
        return builder.ToString();
    }

    private static string DeepNesting(Random random)
    {
        int depth = random.Next(50, 400);
        return random.Next(3) switch
        {
            0 => "model: Deep\nhead: " + new string('[', depth) + new string(']', depth) + "\n",
            1 => "model: Deep\nbackbone: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n",
            _ => "model: Deep\nbackbone:\n  layers:\n" + string.Concat(Enumerable.Range(0, depth / 10).Select(i => new string(' ', 4 + 6 * i) + "- op: repeat\n" + new string(' ', 6 + 6 * i) + "times: 1000\n" + new string(' ', 6 + 6 * i) + "layers:\n"))
                 + new string(' ', 6 + 6 * (depth / 10)) + "- { op: relu }\n",
        };
    }

    private static string Aliases(Random random, string start)
    {
        switch (random.Next(3))
        {
            case 0:
                // "Billion laughs": each level repeats the one before ten times.
                var laughs = new StringBuilder("model: Laughs\nparameters:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (int level = 1; level < 10; level++)
                    laughs.Append("  a").Append(level).Append(": &a").Append(level).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*a" + (level - 1), 10))).Append("]\n");
                laughs.Append("head: *a9\n");
                return laughs.ToString();
            case 1:
                return "model: Alias\nbackbone: &b vgg16\nhead:\n  - &n { name: score_fr, op: score, from: fc7 }\n  - *n\n  - *undefined\noutputs: { out: *b }\n";
            default:
                return start.Replace("head:", "head: &h").Replace("outputs:", "variants:\n  - { model: AliasVariant, head: *h }\noutputs:");
        }
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
