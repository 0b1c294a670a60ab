using System.IO;
using Fcn.Runtime.Weights;
using Xunit;

namespace Fcn.Runtime.Tests.Weights;

/// <summary>
/// Files in torch.save's format before PyTorch 1.6 (as torchvision's older published files are) are
/// named for what they are, with the one-line conversion, instead of failing as "not safetensors".
/// </summary>
public sealed class LegacyTorchSaveTests
{
    // The first 16 bytes PyTorch 1.13 writes for
    //   torch.save({'a.weight': torch.arange(6.).reshape(2, 3)}, f, _use_new_zipfile_serialization=False)
    // (/usr/bin/python3, Debian's python3-torch): pickle protocol 2, the magic number 0x1950a86a20f9469cfc6c as
    // a 10-byte long, STOP, then the next pickle's protocol opcode.
    private static readonly byte[] LegacyStart = { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e, 0x80 };

    [Fact]
    public void A_legacy_file_is_named_with_the_way_to_convert_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "fcn-legacy-" + System.Guid.NewGuid().ToString("N") + ".pth");
        File.WriteAllBytes(path, LegacyStart);
        try
        {
            var error = Assert.Throws<WeightFileException>(() => StateDictFile.Read(path));
            Assert.Contains("legacy torch.save format (before PyTorch 1.6)", error.Message);
            Assert.Contains("torch.save(torch.load('IN.pth'), 'OUT.pth')", error.Message);
            Assert.Equal(path, error.Path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
