using System;
using System.IO;

namespace Fcn.Runtime.Training.Checkpoints;

/// <summary>
/// Writes a file so that readers only ever see the old or the new content: the bytes go to a temporary
/// file in the same folder, are flushed to disk, and only then replace the target by a rename.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; if it throws, the old file is untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // Same folder, so this is a rename: atomic on POSIX file systems and NTFS.
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
