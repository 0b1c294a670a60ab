// Compiled by MSBuild's RoslynCodeTaskFactory (see Fcn.Runtime.targets): it runs on the .NET SDK
// alone, with no Python, patchelf or other tool, on the user's machine.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and asks for the
// symbol version GLIBCXX_3.4.32, which Debian 12 and Ubuntu 22.04 do not have (they stop at 3.4.30),
// so the loader refuses it and TorchSharp reports a misleading "missing libtorch" error. The only
// symbol of that version is std::ios_base_library_init(), which GCC 13 references to force a link
// dependency and never calls. Marking that one version requirement weak (VER_FLG_WEAK in the
// .gnu.version_r entry) lets the loader accept the library; nothing else changes.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class FixLibTorchSharpGlibcxx : Task
{
    private const string MissingVersion = "GLIBCXX_3.4.32";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    /// <summary>The libLibTorchSharp.so copies in the build or publish output.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Libraries.Length == 0)
            return true;
        if (!OperatingSystemIsLinux())
            return true;
        string? systemLibrary = FindSystemLibStdCxx();
        if (systemLibrary != null && FileContains(systemLibrary, MissingVersion))
        {
            Log.LogMessage(MessageImportance.Low,
                "FcnDsl: {0} provides {1}; libLibTorchSharp.so needs no fix.", systemLibrary, MissingVersion);
            return true;
        }

        foreach (ITaskItem item in Libraries)
        {
            string path = item.ItemSpec;
            try
            {
                PatchOutcome outcome = MarkVersionRequirementWeak(path);
                switch (outcome)
                {
                    case PatchOutcome.Patched:
                        Log.LogMessage(MessageImportance.High,
                            "FcnDsl: marked {0} weak in {1} (this system's libstdc++ lacks it; see README, 'Native library').",
                            MissingVersion, path);
                        break;
                    case PatchOutcome.AlreadyWeak:
                        Log.LogMessage(MessageImportance.Normal, "FcnDsl: {0} already loads on this system.", path);
                        break;
                    case PatchOutcome.NotRequired:
                        Log.LogMessage(MessageImportance.Normal, "FcnDsl: {0} does not require {1}.", path, MissingVersion);
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidDataException)
            {
                Log.LogWarning("FcnDsl: could not fix {0} ({1}); TorchSharp may fail to load on this system.", path, ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private enum PatchOutcome { Patched, AlreadyWeak, NotRequired }

    private static bool OperatingSystemIsLinux() =>
        System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux);

    private static string? FindSystemLibStdCxx()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };
        foreach (string candidate in candidates)
            if (File.Exists(candidate))
                return candidate;
        return null;
    }

    private static bool FileContains(string path, string text)
    {
        byte[] needle = Encoding.ASCII.GetBytes(text + "\0");
        byte[] haystack = File.ReadAllBytes(path);
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    /// <summary>Finds the Vernaux entry named GLIBCXX_3.4.32 in .gnu.version_r and sets VER_FLG_WEAK.</summary>
    private static PatchOutcome MarkVersionRequirementWeak(string path)
    {
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);

        for (int s = 0; s < sectionCount; s++)
        {
            long header = sectionHeaders + (long)s * sectionHeaderSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed)
                continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int stringSection = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, (int)header + 0x2C);
            long stringsHeader = sectionHeaders + (long)stringSection * sectionHeaderSize;
            long strings = (long)BitConverter.ToUInt64(elf, (int)stringsHeader + 0x18);

            long need = offset;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    long name = strings + BitConverter.ToUInt32(elf, (int)aux + 8);
                    if (ReadCString(elf, name) == MissingVersion)
                    {
                        int flagsAt = (int)aux + 4;
                        ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                        if ((flags & VerFlagWeak) != 0)
                            return PatchOutcome.AlreadyWeak;
                        flags |= VerFlagWeak;
                        elf[flagsAt] = (byte)(flags & 0xff);
                        elf[flagsAt + 1] = (byte)(flags >> 8);
                        string temporary = path + ".fcndsl.tmp";
                        File.WriteAllBytes(temporary, elf);
                        File.Copy(temporary, path, overwrite: true);
                        File.Delete(temporary);
                        // Keep the timestamp so MSBuild's incremental copy does not replace the fixed file.
                        File.SetLastWriteTimeUtc(path, lastWrite);
                        return PatchOutcome.Patched;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return PatchOutcome.NotRequired;
    }

    private static string ReadCString(byte[] bytes, long start)
    {
        long end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
    }
}
