using System.IO;

namespace Fcn.Packaging.Tests;

/// <summary>
/// A user's fresh project with one spec and a Program that runs it: the same sources whichever way the
/// project references FcnDsl (packages from a feed, or ProjectReferences to a checkout).
/// </summary>
internal static class ConsumerProject
{
    /// <summary>What the program prints for arguments "45 61": the spec's name and its output's shape.</summary>
    public const string ExpectedOutput = "output 1x5x45x61";

    /// <summary>Writes Consumer.csproj around <paramref name="references"/> (an ItemGroup's content), the spec and Program.cs.</summary>
    public static void Write(string directory, string references)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        // In a subfolder: the default **/*.fcn.yaml glob finds it, and its class lands in Consumer.Models.
        Directory.CreateDirectory(Path.Combine(directory, "Models"));
        File.WriteAllText(Path.Combine(directory, "Models", "my-fcn.fcn.yaml"), """
            # A two-stage FCN small enough to build and run in a test.
            model: MyFcn
            classes: 3
            backbone:
              layers:
                - { name: conv1, op: conv, out: 8, kernel: 3, pad: 1 }
                - { name: relu1, op: relu }
                - { name: pool1, op: maxpool, kernel: 2, stride: 2, ceil: true }
                - { name: conv2, op: conv, out: 8, kernel: 3, pad: 1 }
                - { name: relu2, op: relu }
            head:
              - { name: score_fr, op: score, from: relu2 }
              - { name: upscore, op: upsample, from: score_fr, factor: 2 }
              - { name: final, op: crop, from: upscore, to: input }
            outputs:
              out: final
            """);
        // The first statement is a TorchSharp call, before anything of Fcn.Runtime: the natives must
        // already load by then. Three classes in the spec, five from the constructor; the final crop
        // restores the input size.
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System;
            using System.Linq;
            using TorchSharp;

            int height = int.Parse(args[0]), width = int.Parse(args[1]);
            using var input = torch.rand(1, 3, height, width);
            using var model = new Consumer.Models.MyFcn(classes: 5);
            using var prediction = model.forward(input);
            Console.WriteLine("spec " + model.Info.Name);
            Console.WriteLine("output " + string.Join("x", prediction.shape.Select(d => d.ToString())));
            """);
    }
}
