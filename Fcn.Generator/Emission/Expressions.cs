using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>C# expressions for the model's symbolic values.</summary>
internal static class Expressions
{
    /// <summary>The constructor parameter that holds the spec's class count.</summary>
    public const string Classes = "classes";

    /// <summary>
    /// The constructor parameter that holds a class count: <c>classes</c> for the spec's, <c>classesSem</c> for the
    /// output <c>sem</c>'s own (<see cref="ChannelCount.ClassSet"/>).
    /// </summary>
    public static string ClassesParameter(string? classSet) =>
        classSet is null ? Classes : Classes + MemberNames.PascalCase(classSet);

    /// <summary><c>64</c>, <c>classes</c>, <c>2 * classes</c>, <c>classes + 64</c>, <c>classesSem</c>: channel counts that follow a class count stay symbolic.</summary>
    public static string Channels(ChannelCount count)
    {
        if (!count.DependsOnClasses) return CSharpLiterals.Int(count.Fixed);
        string classes = ClassesParameter(count.ClassSet);
        string perClass = count.PerClass switch
        {
            1 => classes,
            -1 => "-" + classes,
            _ => CSharpLiterals.Int(count.PerClass) + " * " + classes,
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
