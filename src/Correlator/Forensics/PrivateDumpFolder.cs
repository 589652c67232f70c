namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// A folder only the current user can read (0700; dumps 0600): a heap dump holds the target's
/// memory, tokens and passwords included. Deleted on dispose unless dumps are kept. The target
/// must run as the same user to write into it.
/// </summary>
internal sealed class PrivateDumpFolder : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly bool _keep;

    public PrivateDumpFolder(string? parent, bool keep)
    {
        _keep = keep;
        var name = $"loadleak-dumps-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), name);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Path);
        else Directory.CreateDirectory(Path, OwnerOnlyDirectory);
    }

    public string Path { get; }

    public string NewDumpPath(string label, int pid, int sequence)
    {
        var safe = new string(label.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return System.IO.Path.Combine(Path, $"{sequence:D2}-{safe}-{pid}.dmp");
    }

    public static void RestrictToOwner(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file)) File.SetUnixFileMode(file, OwnerOnlyFile);
    }

    public void Dispose()
    {
        try
        {
            // A kept dump may have moved elsewhere: an empty folder is removed either way.
            if (!_keep) Directory.Delete(Path, recursive: true);
            else if (Directory.Exists(Path) && !Directory.EnumerateFileSystemEntries(Path).Any()) Directory.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the folder is private to this user anyway.
        }
    }
}
