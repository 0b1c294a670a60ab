using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Fcn.Runtime.Tests.Support;
using Fcn.Runtime.Weights;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Weights;

public sealed class StateDictFileTests : IDisposable
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "fcn-weights-" + Guid.NewGuid().ToString("N"));

    public StateDictFileTests()
    {
        TorchSetup.Ensure();
        Directory.CreateDirectory(scratch);
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    [Fact]
    public void Reads_a_real_torch_save_file_with_every_key_and_shape()
    {
        // tiny-fcn8s.pt was written by torch.save (PyTorch 1.13, zip format) in make_fixtures.py.
        ReferenceModel reference = Fixtures.ReadModel("tiny-fcn8s");
        Dictionary<string, Tensor> stateDict = StateDictFile.Read(Fixtures.PathOf("tiny-fcn8s.pt"));
        Assert.Equal(reference.Keys.Select(k => k.Key).OrderBy(k => k, StringComparer.Ordinal),
                     stateDict.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (ReferenceKey key in reference.Keys)
            Assert.Equal(key.Shape, stateDict[key.Key].shape);
        foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
    }

    [Theory]
    [InlineData("roundtrip.pt")]
    [InlineData("roundtrip.safetensors")]
    public void Writes_and_reads_back_both_formats(string fileName)
    {
        using var model = new TinyFcn8sByHand();
        string path = Path.Combine(scratch, fileName);
        StateDictFile.Write(model, path);

        using var copy = new TinyFcn8sByHand();
        WeightLoadReport report = WeightLoader.LoadFile(copy, path);
        Assert.True(report.IsComplete, report.ToTable());
        Dictionary<string, Tensor> original = model.state_dict();
        foreach (var (key, tensor) in copy.state_dict())
            Assert.True(tensor.equal(original[key]).all().item<bool>(), key);
    }

    [Fact]
    public void The_format_is_recognised_by_content_not_extension()
    {
        using var model = new TinyFcn8sByHand();
        string path = Path.Combine(scratch, "really-safetensors.pt");
        StateDictFile.Write(model, path, WeightFileFormat.Safetensors);
        Dictionary<string, Tensor> stateDict = StateDictFile.Read(path);
        Assert.Equal(model.state_dict().Count, stateDict.Count);
        foreach (Tensor tensor in stateDict.Values) tensor.Dispose();
    }

    [Fact]
    public void A_missing_file_is_a_weight_file_exception_naming_the_path()
    {
        string path = Path.Combine(scratch, "nowhere.pt");
        var error = Assert.Throws<WeightFileException>(() => StateDictFile.Read(path));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Random_bytes_are_a_weight_file_exception_naming_the_path()
    {
        string path = Path.Combine(scratch, "noise.safetensors");
        File.WriteAllBytes(path, Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray());
        var error = Assert.Throws<WeightFileException>(() => StateDictFile.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_zip_that_is_not_a_torch_save_is_a_weight_file_exception_naming_the_path()
    {
        string path = Path.Combine(scratch, "not-a-model.pth");
        using (ZipArchive archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            ZipArchiveEntry entry = archive.CreateEntry("readme.txt");
            using var writer = new StreamWriter(entry.Open());
            writer.Write("hello");
        }
        var error = Assert.Throws<WeightFileException>(() => StateDictFile.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_truncated_torch_save_is_a_weight_file_exception_naming_the_path()
    {
        byte[] real = File.ReadAllBytes(Fixtures.PathOf("tiny-fcn8s.pt"));
        string path = Path.Combine(scratch, "truncated.pt");
        File.WriteAllBytes(path, real.Take(real.Length / 2).ToArray());
        var error = Assert.Throws<WeightFileException>(() => StateDictFile.Read(path));
        Assert.Contains(path, error.Message);
    }
}
