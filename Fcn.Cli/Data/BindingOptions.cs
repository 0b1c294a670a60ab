using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using Fcn.Cli.Infrastructure;
using Fcn.Runtime.Data.Binding;

namespace Fcn.Cli.Data;

/// <summary>
/// The options that bind the data's named inputs and labels to a model's inputs and heads, shared by train,
/// eval and predict: <c>--inputs MODEL=DATA</c>, <c>--labels HEAD=LABEL</c>, <c>--void-label [HEAD=]N</c> and
/// <c>--head-weight HEAD=W</c> (each repeatable, or comma-separated). Without them names match as they are.
/// </summary>
internal sealed class BindingOptions
{
    private readonly bool _training;

    public BindingOptions(bool training) => _training = training;

    public Option<string[]> Inputs { get; } = new("--inputs")
    {
        Description = "Which data input feeds which model input, MODEL=DATA (e.g. depth=hha); default: the same names.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Labels { get; } = new("--labels")
    {
        Description = "Which data label trains and scores which head, HEAD=LABEL (e.g. out=sem); default: the same names.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> VoidLabels { get; } = new("--void-label")
    {
        Description = "A head's void label, HEAD=N, or N for every head (default: the data's, 255).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> HeadWeights { get; } = new("--head-weight")
    {
        Description = "The factor of a head's loss in the multi-task sum, HEAD=W (default 1).",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command, bool withLabels = true)
    {
        command.Options.Add(Inputs);
        if (!withLabels) return;
        command.Options.Add(Labels);
        command.Options.Add(VoidLabels);
        if (_training) command.Options.Add(HeadWeights);
    }

    /// <summary>The maps given, keyed by the model's names; <paramref name="heads"/> are the model's heads (a bare --void-label N applies to all).</summary>
    /// <exception cref="UserError">A value is not NAME=VALUE, or its number does not parse.</exception>
    public DataBindingOptions Parse(ParseResult parse, IReadOnlyList<string> heads)
    {
        var voids = new Dictionary<string, long>();
        foreach (string item in Items(parse.GetValue(VoidLabels)))
        {
            if (!item.Contains('='))
            {
                long all = Number(item, "--void-label", long.Parse);
                foreach (string each in heads) voids[each] = all;
                continue;
            }

            (string head, string value) = Pair(item, "--void-label", "HEAD=N");
            voids[head] = Number(value, "--void-label " + item, long.Parse);
        }

        var weights = new Dictionary<string, double>();
        foreach (string item in Items(_training ? parse.GetValue(HeadWeights) : null))
        {
            (string head, string value) = Pair(item, "--head-weight", "HEAD=W");
            weights[head] = Number(value, "--head-weight " + item, text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return new DataBindingOptions(Map(parse.GetValue(Inputs), "--inputs", "MODEL=DATA"), Map(parse.GetValue(Labels), "--labels", "HEAD=LABEL"), voids, weights);
    }

    private static Dictionary<string, string> Map(string[]? values, string option, string form)
    {
        var map = new Dictionary<string, string>();
        foreach (string item in Items(values))
        {
            (string key, string value) = Pair(item, option, form);
            map[key] = value;
        }

        return map;
    }

    private static IEnumerable<string> Items(string[]? values)
    {
        foreach (string value in values ?? Array.Empty<string>())
            foreach (string item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return item;
    }

    private static (string Key, string Value) Pair(string item, string option, string form)
    {
        int equals = item.IndexOf('=');
        if (equals <= 0 || equals == item.Length - 1) throw new UserError($"{option} '{item}' is not {form}; write for example {option} {form}.");
        return (item.Substring(0, equals), item.Substring(equals + 1));
    }

    private static T Number<T>(string text, string option, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new UserError($"{option}: '{text}' is not a number.");
        }
        catch (OverflowException)
        {
            throw new UserError($"{option}: '{text}' is out of range.");
        }
    }
}
