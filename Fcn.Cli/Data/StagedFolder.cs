using System;
using System.IO;

namespace Fcn.Cli.Data;

/// <summary>
/// Writes a new folder as a whole or not at all: everything goes to a hidden sibling first and is renamed into
/// place at the end, so an interrupted or failed run leaves no half-written dataset behind.
/// </summary>
internal static class StagedFolder
{
    /// <summary>Runs <paramref name="write"/> on a staging folder, then moves it to <paramref name="root"/>, which must not exist or be empty.</summary>
    /// <exception cref="Infrastructure.UserError"><paramref name="root"/> is not empty (nothing is written).</exception>
    public static void Write(string root, Action<string> write)
    {
        string full = Path.GetFullPath(root);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).GetEnumerator().MoveNext())
            throw new Infrastructure.UserError($"{root}: the folder is not empty; choose a new --out folder (nothing was written).");

        string parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            write(staging);
            if (Directory.Exists(full)) Directory.Delete(full);
            Directory.Move(staging, full);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }
}
