using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using Fcn.Benchmarks.Generator;

namespace Fcn.Benchmarks.BuildTime;

/// <summary>
/// Writes a throw-away class library that holds 50 FCN models, in one of two variants that compile to
/// the same code (see <see cref="BuildProjectVariant"/>). Both reference the same prebuilt assemblies
/// (TorchSharp, Fcn.Runtime, and for the generator variant the analyzer DLLs) from this executable's
/// own directory, so neither restores packages nor builds other projects: the builds differ only in
/// whether the generator runs.
/// </summary>
public sealed class BuildProjectWriter
{
    private readonly string root;
    private readonly IReadOnlyList<SpecText> specs;

    public BuildProjectWriter(string root, IReadOnlyList<SpecText> specs)
    {
        this.root = root;
        this.specs = specs;
    }

    public string ProjectDirectory(BuildProjectVariant variant) => Path.Combine(root, variant.ToString());

    public string ProjectFile(BuildProjectVariant variant) => Path.Combine(ProjectDirectory(variant), "Models.csproj");

    /// <summary>The file that an "edit one spec" build changes: the spec, or the C# generated from it.</summary>
    public string EditedFile(BuildProjectVariant variant)
    {
        SpecText edited = GeneratorDriverBenchmarks.EditedSpec(specs);
        return variant == BuildProjectVariant.Generator
            ? Path.Combine(ProjectDirectory(variant), edited.Path)
            : Path.Combine(ProjectDirectory(variant), "Generated", GeneratorRun.RootNamespace + "." + edited.ModelName + ".g.cs");
    }

    /// <summary>A line that changes the edited file's text but not what it compiles to.</summary>
    public static string EditLine(BuildProjectVariant variant, int edit) =>
        (variant == BuildProjectVariant.Generator ? "# edit " : "// edit ") + edit.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n";

    public void Write()
    {
        // Empty Directory.Build files stop MSBuild from importing anything from the directories above.
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");

        string generatorDirectory = ProjectDirectory(BuildProjectVariant.Generator);
        foreach (SpecText spec in specs)
        {
            string path = Path.Combine(generatorDirectory, spec.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, spec.Text);
        }

        File.WriteAllText(ProjectFile(BuildProjectVariant.Generator), ProjectText(BuildProjectVariant.Generator));

        // The checked-in variant holds exactly what the generator produces for these specs.
        string checkedInDirectory = ProjectDirectory(BuildProjectVariant.CheckedIn);
        int generated = GeneratorRun.WriteGeneratedSources(specs, Path.Combine(checkedInDirectory, "Generated"));
        if (generated != GeneratorRun.ExpectedSources(specs.Count))
            throw new InvalidOperationException($"Expected {GeneratorRun.ExpectedSources(specs.Count)} generated files, got {generated}.");
        File.WriteAllText(ProjectFile(BuildProjectVariant.CheckedIn), ProjectText(BuildProjectVariant.CheckedIn));
    }

    private static string ProjectText(BuildProjectVariant variant)
    {
        string Here(string file)
        {
            string path = Path.Combine(AppContext.BaseDirectory, file);
            if (!File.Exists(path)) throw new FileNotFoundException("The build benchmark needs " + file + " beside the executable.", path);
            return SecurityElement.Escape(path);
        }

        string generatorItems = variant == BuildProjectVariant.Generator
            ? $"""
                <ItemGroup>
                  <Analyzer Include="{Here("Fcn.Generator.dll")}" />
                  <Analyzer Include="{Here("Fcn.Dsl.dll")}" />
                  <Analyzer Include="{Here("YamlDotNet.dll")}" />
                  <AdditionalFiles Include="specs/*.fcn.yaml" />
                  <CompilerVisibleProperty Include="RootNamespace" />
                </ItemGroup>
              """
            : "";

        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Written by Fcn.Benchmarks build-time ({variant}). -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>{GeneratorRun.RootNamespace}</RootNamespace>
                <Nullable>enable</Nullable>
                <LangVersion>latest</LangVersion>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="TorchSharp" HintPath="{Here("TorchSharp.dll")}" Private="false" />
                <Reference Include="Fcn.Runtime" HintPath="{Here("Fcn.Runtime.dll")}" Private="false" />
              </ItemGroup>
            {generatorItems}
            </Project>

            """;
    }
}
