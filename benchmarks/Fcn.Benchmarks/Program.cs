// Fcn.Benchmarks: one executable, one mode per part of docs/benchmarks.md. benchmarks/run.sh runs them all.
//   generator [BenchmarkDotNet arguments]   parse/validate/emit per spec, whole-generator driver runs
//   build-time [--repetitions N]            dotnet build with the generator vs the same code checked in
//   runtime [--threads N] [--quick]         generated vs hand-written TorchSharp vs PyTorch eager
//   memory-probe <case>                     one case in a fresh process, reporting its peak resident memory
//   layers [--threads N]                    single conv layers in both formulations of Fcn.Runtime.Layers.Convolution2d
//   layout [--threads N] [--cases ...]     the generated model in NCHW, channels-last and MemoryLayout.Automatic
//   prepacked [--threads N] [--size S]      FCN-ResNet50's trunk with batch norm folded and oneDNN-prepacked weights
//   baseline-probe <case> ...               the generated model as before issue 13, in a fresh process (runtime calls it)
using System;
using System.Linq;
using Fcn.Benchmarks.BuildTime;
using Fcn.Benchmarks.Generator;
using Fcn.Benchmarks.Runtime;

string mode = args.Length > 0 ? args[0] : "";
string[] rest = args.Skip(1).ToArray();
return mode switch
{
    "generator" => GeneratorCommand.Run(rest),
    "build-time" => BuildTimeCommand.Run(rest),
    "runtime" => RuntimeCommand.Run(rest),
    "memory-probe" => MemoryProbe.RunChild(rest),
    "baseline-probe" => BaselineProbe.RunChild(rest),
    "layers" => FormulationProbe.Run(rest),
    "layout" => MemoryLayoutProbe.Run(rest),
    "prepacked" => PrepackedProbe.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Fcn.Benchmarks generator|build-time|runtime|layers|layout|prepacked|memory-probe|baseline-probe [options]  (see benchmarks/run.sh)");
    return 2;
}
