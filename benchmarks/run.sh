#!/usr/bin/env bash
# The one benchmark command (docs/benchmarks.md): builds the benchmark project in Release, then runs
#   1. the generator benchmarks (BenchmarkDotNet short run, in process),
#   2. the build-time overhead of the generator (dotnet build of a 50-spec project, with and without it),
#   3. single convolution layers in both formulations of Fcn.Runtime.Layers.Convolution2d, whole models in
#      NCHW, channels-last and MemoryLayout.Automatic (Fcn.Runtime.Layers.MemoryLayouts), and FCN-ResNet50 with
#      batch norm folded and oneDNN-prepacked weights (full run only),
#   4. the runtime benchmarks (generated now and before the speed work, hand-written TorchSharp, PyTorch
#      eager, ONNX Runtime on torch.onnx's export of the same weights; FLOP rate, peak memory, issue 13's goals),
# writes the markdown tables to benchmarks/results/ and prints them, machine description first.
#
#   bash benchmarks/run.sh            # everything (docs/benchmarks.md says how long it took)
#   bash benchmarks/run.sh --quick    # generator smoke run + the goal cases with few repetitions: a few minutes
# Environment: FCN_BENCH_THREADS (default: the number of cores) sets torch's thread count on both sides;
# OMP_WAIT_POLICY defaults to PASSIVE (see below).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
[[ "${1:-}" == "--quick" ]] && quick=true
threads="${FCN_BENCH_THREADS:-$(nproc)}"
# libtorch (TorchSharp) and Debian's PyTorch both use GNU OpenMP, whose threads by default spin at each
# barrier. When other processes share the cores (other builds and tests on a shared 2-core machine),
# a spinning thread holds the core its descheduled partner needs, and every parallel op can wait a
# scheduler time slice: measured here, the tiny net's forward pass took 300 ms instead of 5 ms. Passive
# waiting (threads sleep at once) removes that; it applies to both sides alike. Override it to compare.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
results=benchmarks/results
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)

section() { printf '\n=== %s (%s)\n' "$1" "$(date +%H:%M:%S)"; }

machine() {
  local cpu memory os torch torchvision
  cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  # A virtual machine may report only the vendor's name ("AMD EPYC"): family and model say which CPU it is.
  cpu="$cpu (family $(grep -m1 '^cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' '))"
  memory=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  os=$(. /etc/os-release && echo "$PRETTY_NAME")
  torch=$(dpkg-query -W -f='${Version}' python3-torch 2>/dev/null || echo "not installed")
  torchvision=$(dpkg-query -W -f='${Version}' python3-torchvision 2>/dev/null || echo "not installed")
  cat <<TEXT
## Machine

| | |
|---|---|
| CPU | $cpu, $(nproc) cores ($(lscpu 2>/dev/null | awk -F: '/^Flags/ { print ($2 ~ /avx512f/) ? "AVX-512" : ($2 ~ /avx2/) ? "AVX2" : "no AVX2" }')) |
| Memory | $memory |
| OS | $os, Linux $(uname -r) |
| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }') |
| TorchSharp / libtorch | see the runtime section (read from the build output) |
| PyTorch eager | Debian python3-torch $torch, python3-torchvision $torchvision (/usr/bin/python3) |
| torch threads | $threads (both sides), OMP_WAIT_POLICY=$OMP_WAIT_POLICY |
| Commit | $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' + uncommitted changes') |
| Date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| Load average at start | $(cut -d' ' -f1-3 /proc/loadavg) |
TEXT
}

machine > "$results/machine.md"

section "Building benchmarks/Fcn.Benchmarks (Release)"
dotnet build benchmarks/Fcn.Benchmarks/Fcn.Benchmarks.csproj -c Release -nologo -v:q
bench=benchmarks/Fcn.Benchmarks/bin/Release/net10.0/Fcn.Benchmarks

section "Generator benchmarks"
if $quick; then
  "$bench" generator --filter '*GeneratorDriverBenchmarks*'
else
  "$bench" generator
fi

section "Build-time overhead"
"$bench" build-time --repetitions "$($quick && echo 1 || echo 5)"

if ! $quick; then
  section "Convolution formulations per layer"
  "$bench" layers --threads "$threads"
  section "Memory layout"
  "$bench" layout --threads "$threads"
  section "Weights prepared once for inference"
  "$bench" prepacked --threads "$threads"
fi

section "Runtime benchmarks"
load=$(cut -d' ' -f1 /proc/loadavg)
if awk -v load="$load" -v cores="$(nproc)" 'BEGIN { exit !(load > cores / 2) }'; then
  echo "warning: load average $load on $(nproc) cores: other processes compete for the cores, so the runtime" \
       "timings will be inflated and noisy (libtorch's threads wait for each other at every barrier)."
fi
if $quick; then
  "$bench" runtime --threads "$threads" --quick
else
  "$bench" runtime --threads "$threads"
fi

elapsed=$(( $(date +%s) - started ))
{
  echo "# FcnDsl benchmarks"
  echo
  echo "Produced by \`bash benchmarks/run.sh$($quick && echo ' --quick')\` in $((elapsed / 60)) min $((elapsed % 60)) s;" \
       "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  cat "$results/machine.md"
  echo
  cat "$results/generator.md" "$results/build-time.md"
  $quick || cat "$results/layers.md" "$results/layout.md" "$results/prepacked.md"
  cat "$results/runtime.md"
} > "$results/benchmarks.md"

section "All results ($results/benchmarks.md)"
cat "$results/benchmarks.md"
