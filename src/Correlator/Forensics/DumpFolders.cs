namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Chooses where the target writes each dump. A dump written to tmpfs never waits for the disk,
/// and the target stays stopped for as long as createdump writes, so a private folder under
/// /dev/shm comes first; the system temp folder takes the dump when there is no tmpfs or too
/// little room (free space or free memory) for a dump of the target's size. Both folders are
/// created on first use, private to this user, and deleted on dispose unless dumps are kept.
/// </summary>
internal sealed class DumpFolders(HeapSnapshotOptions options) : IDisposable
{
    /// <summary>A dump holds the committed memory of the target, which its RSS estimates from below.</summary>
    private const double DumpToRssRatio = 1.5;
    private const long Headroom = 256L * 1024 * 1024;
    private PrivateDumpFolder? _memory, _disk;

    /// <summary>Where the last dump path was placed: "tmpfs" or "disk".</summary>
    public string LastKind { get; private set; } = "disk";

    /// <summary>The folder of the last dump path handed out.</summary>
    public string? LastFolder { get; private set; }

    public string NewDumpPath(string label, int pid, int sequence)
    {
        var folder = options.DumpRoot is null && HasRoomInMemory(options.MemoryDumpRoot, pid)
            ? _memory ??= new PrivateDumpFolder(options.MemoryDumpRoot, options.KeepDumps)
            : _disk ??= new PrivateDumpFolder(options.DumpRoot, options.KeepDumps);
        LastKind = folder == _memory ? "tmpfs" : "disk";
        LastFolder = folder.Path;
        return folder.NewDumpPath(label, pid, sequence);
    }

    private static bool HasRoomInMemory(string? root, int pid)
    {
        if (root is null || !OperatingSystem.IsLinux() || !Directory.Exists(root)) return false;
        try
        {
            var drive = new DriveInfo(root);
            if (drive.DriveFormat != "tmpfs") return false;
            var needed = (long)(ProcMemory.RssBytes(pid) * DumpToRssRatio) + Headroom;
            // tmpfs pages are RAM: the dump must fit both the file system and the free memory.
            return needed <= drive.AvailableFreeSpace && needed <= ProcMemory.AvailableBytes();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _memory?.Dispose();
        _disk?.Dispose();
    }
}
