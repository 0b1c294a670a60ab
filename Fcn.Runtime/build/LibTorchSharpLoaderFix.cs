// One file, two users, so the ELF edit exists once:
//  - MSBuild's RoslynCodeTaskFactory compiles it as the FixLibTorchSharpGlibcxx task (Fcn.Runtime.targets):
//    it fixes the copy in a build or publish output, on the SDK alone (no Python, patchelf or other tool);
//  - Fcn.Runtime compiles it too (FCN_RUNTIME defined, the task left out) for its load-time fallback
//    (Fcn.Runtime/Native/LibTorchSharpFallback.cs), which reaches every consumer the targets do not:
//    a ProjectReference without the Import, a script, a notebook.
// The code task factory compiles one source file with no defined symbols and whatever language version its
// compiler defaults to, so this file keeps to plain C# (block namespace, no newer syntax).
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
#if !FCN_RUNTIME
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace Fcn.Runtime.Native
{
    /// <summary>What marking the requirement weak did to a library.</summary>
    internal enum GlibcxxPatchOutcome
    {
        /// <summary>The requirement was strong and is now weak.</summary>
        Patched,
        /// <summary>The requirement was already weak: the library loads as it is.</summary>
        AlreadyWeak,
        /// <summary>The library does not ask for the version at all.</summary>
        NotRequired,
    }

    /// <summary>
    /// The GLIBCXX_3.4.32 requirement of libLibTorchSharp.so: whether this system can meet it, and the
    /// one-flag ELF edit that makes the library load where it cannot.
    /// </summary>
    internal static class GlibcxxRequirement
    {
        /// <summary>The symbol version TorchSharp 0.107's native library asks for and older systems lack.</summary>
        public const string MissingVersion = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        private static readonly string[] LibStdCxxLocations =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        };

        /// <summary>The system's libstdc++ in the usual places, or null if none is there.</summary>
        public static string? FindSystemLibStdCxx()
        {
            foreach (string candidate in LibStdCxxLocations)
                if (File.Exists(candidate))
                    return candidate;
            return null;
        }

        /// <summary>Whether the library at <paramref name="libStdCxx"/> defines <see cref="MissingVersion"/>.</summary>
        public static bool Provides(string libStdCxx) =>
            IndexOf(File.ReadAllBytes(libStdCxx), Encoding.ASCII.GetBytes(MissingVersion + "\0")) >= 0;

        /// <summary>
        /// Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 entry of <paramref name="elf"/>'s .gnu.version_r section,
        /// in place. Only <see cref="GlibcxxPatchOutcome.Patched"/> changes the bytes.
        /// </summary>
        public static GlibcxxPatchOutcome MarkWeak(byte[] elf)
        {
            int flagsAt = FindFlags(elf);
            if (flagsAt < 0)
                return GlibcxxPatchOutcome.NotRequired;
            ushort flags = BitConverter.ToUInt16(elf, flagsAt);
            if ((flags & VerFlagWeak) != 0)
                return GlibcxxPatchOutcome.AlreadyWeak;
            flags |= VerFlagWeak;
            elf[flagsAt] = (byte)(flags & 0xff);
            elf[flagsAt + 1] = (byte)(flags >> 8);
            return GlibcxxPatchOutcome.Patched;
        }

        /// <summary>Whether <paramref name="elf"/> asks for GLIBCXX_3.4.32 and the loader would insist on it.</summary>
        public static bool RequiresStrongly(byte[] elf)
        {
            int flagsAt = FindFlags(elf);
            return flagsAt >= 0 && (BitConverter.ToUInt16(elf, flagsAt) & VerFlagWeak) == 0;
        }

        /// <summary>The offset of the vna_flags of the GLIBCXX_3.4.32 Vernaux entry, or -1 if there is none.</summary>
        private static int FindFlags(byte[] elf)
        {
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
                            return (int)aux + 4;
                        aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                    }
                    need += BitConverter.ToUInt32(elf, (int)need + 12);
                }
            }
            return -1;
        }

        private static string ReadCString(byte[] bytes, long start)
        {
            long end = start;
            while (end < bytes.Length && bytes[end] != 0) end++;
            return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }
}

#if !FCN_RUNTIME
/// <summary>Marks GLIBCXX_3.4.32 weak in the libLibTorchSharp.so copies of a build or publish output.</summary>
public sealed class FixLibTorchSharpGlibcxx : Task
{
    /// <summary>The libLibTorchSharp.so copies in the build or publish output.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Libraries.Length == 0)
            return true;
        if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
            return true;
        string? systemLibrary = Fcn.Runtime.Native.GlibcxxRequirement.FindSystemLibStdCxx();
        if (systemLibrary != null && Fcn.Runtime.Native.GlibcxxRequirement.Provides(systemLibrary))
        {
            Log.LogMessage(MessageImportance.Low, "FcnDsl: {0} provides {1}; libLibTorchSharp.so needs no fix.",
                systemLibrary, Fcn.Runtime.Native.GlibcxxRequirement.MissingVersion);
            return true;
        }

        foreach (ITaskItem item in Libraries)
        {
            string path = item.ItemSpec;
            try
            {
                switch (Fix(path))
                {
                    case Fcn.Runtime.Native.GlibcxxPatchOutcome.Patched:
                        Log.LogMessage(MessageImportance.High,
                            "FcnDsl: marked {0} weak in {1} (this system's libstdc++ lacks it; see README, 'Native library').",
                            Fcn.Runtime.Native.GlibcxxRequirement.MissingVersion, path);
                        break;
                    case Fcn.Runtime.Native.GlibcxxPatchOutcome.AlreadyWeak:
                        Log.LogMessage(MessageImportance.Normal, "FcnDsl: {0} already loads on this system.", path);
                        break;
                    case Fcn.Runtime.Native.GlibcxxPatchOutcome.NotRequired:
                        Log.LogMessage(MessageImportance.Normal, "FcnDsl: {0} does not require {1}.",
                            path, Fcn.Runtime.Native.GlibcxxRequirement.MissingVersion);
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

    private static Fcn.Runtime.Native.GlibcxxPatchOutcome Fix(string path)
    {
        DateTime lastWrite = File.GetLastWriteTimeUtc(path);
        byte[] elf = File.ReadAllBytes(path);
        Fcn.Runtime.Native.GlibcxxPatchOutcome outcome = Fcn.Runtime.Native.GlibcxxRequirement.MarkWeak(elf);
        if (outcome != Fcn.Runtime.Native.GlibcxxPatchOutcome.Patched)
            return outcome;
        string temporary = path + ".fcndsl.tmp";
        File.WriteAllBytes(temporary, elf);
        File.Copy(temporary, path, overwrite: true);
        File.Delete(temporary);
        // Keep the timestamp so MSBuild's incremental copy does not replace the fixed file.
        File.SetLastWriteTimeUtc(path, lastWrite);
        return outcome;
    }
}
#endif
