using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>C# expressions for the model's symbolic values.</summary>
internal static class Expressions
{
    /// <summary>The constructor parameter that holds the class count.</summary>
    public const string Classes = "classes";

    /// <summary><c>64</c>, <c>classes</c>, <c>2 * classes</c>, <c>classes + 64</c>: channel counts that follow the class count stay symbolic.</summary>
    public static string Channels(ChannelCount count)
    {
        if (!count.DependsOnClasses) return CSharpLiterals.Int(count.Fixed);
        string perClass = count.PerClass switch
        {
            1 => Classes,
            -1 => "-" + Classes,
            _ => CSharpLiterals.Int(count.PerClass) + " * " + Classes,
        };
        if (count.Fixed == 0) return perClass;
        return count.Fixed > 0
            ? perClass + " + " + CSharpLiterals.Int(count.Fixed)
            : perClass + " - " + CSharpLiterals.Int(-(long)count.Fixed);
    }

    /// <summary>A literal, or the constructor parameter (<c>$name</c> in the spec) that supplies it.</summary>
    public static string Scalar(ScalarValue value) =>
        value.Parameter is null ? CSharpLiterals.Double(value.Value) : MemberNames.Identifier(value.Parameter);
}
