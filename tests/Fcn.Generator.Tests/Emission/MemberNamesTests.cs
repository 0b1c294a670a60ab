using System.Linq;
using System.Reflection;
using Fcn.Generator.Emission;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Generator.Tests.Emission;

public sealed class MemberNamesTests
{
    [Theory]
    [InlineData("conv1_1", "Conv1_1")]     // underscore between digits stays: conv1_1 and conv11 stay apart
    [InlineData("score_fr", "ScoreFr")]
    [InlineData("upscore_pool4", "UpscorePool4")]
    [InlineData("aux_classifier", "AuxClassifier")]
    [InlineData("out", "Out")]
    [InlineData("fc7", "Fc7")]
    public void PascalCase_capitalizes_words_and_keeps_digit_separators(string name, string expected) =>
        Assert.Equal(expected, MemberNames.PascalCase(name));

    [Fact]
    public void Reserved_names_cover_every_member_the_generated_class_inherits()
    {
        // A node property or field named like an inherited member would hide it: warning CS0108, an error here.
        var inherited = typeof(nn.Module<Tensor, Tensor>)
            .GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy)
            .Where(member => member switch
            {
                MethodInfo method => !method.IsSpecialName && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly),
                FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
                PropertyInfo property => property.GetMethod is { } getter && (getter.IsPublic || getter.IsFamily || getter.IsFamilyOrAssembly),
                _ => false,
            })
            .Select(member => member.Name)
            .Distinct()
            .ToList();

        var missing = inherited.Where(name => !MemberNames.ReservedPascalCase.Contains(name) && !MemberNames.InheritedLowerCase.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "not reserved: " + string.Join(", ", missing));
    }

    [Fact]
    public void Keywords_are_escaped()
    {
        Assert.Equal("@class", MemberNames.Identifier("class"));
        Assert.Equal("pool5", MemberNames.Identifier("pool5"));
    }
}
