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

    /// <summary>The file system of the last dump path: "tmpfs" or "disk" (anything else).</summary>
    public string LastKind { get; private set; } = "disk";

    /// <summary>The folder of the last dump path handed out.</summary>
    public string? LastFolder { get; private set; }

    /// <summary>Why the last dump did not go to tmpfs although one was configured; null when it did or none was.</summary>
    public string? LastFallbackReason { get; private set; }

    public string NewDumpPath(string label, int pid, int sequence)
    {
        LastFallbackReason = null;
        var folder = options.DumpRoot is null && HasRoomInMemory(options.MemoryDumpRoot, pid)
            ? _memory ??= new PrivateDumpFolder(options.MemoryDumpRoot, options.KeepDumps)
            : _disk ??= new PrivateDumpFolder(options.DumpRoot, options.KeepDumps);
        LastKind = folder == _memory || IsTmpfs(folder.Path) ? "tmpfs" : "disk";
        LastFolder = folder.Path;
        return folder.NewDumpPath(label, pid, sequence);
    }

    /// <summary>A kept dump should outlive a reboot and not hold RAM: move it from tmpfs to the private
    /// folder on disk (after the analysis, so the target's pause is not affected). Returns its new path.</summary>
    public string MoveToDisk(string dumpPath)
    {
        if (_memory is null || !dumpPath.StartsWith(_memory.Path, StringComparison.Ordinal)) return dumpPath;
        _disk ??= new PrivateDumpFolder(options.DumpRoot, options.KeepDumps);
        var target = Path.Combine(_disk.Path, Path.GetFileName(dumpPath));
        File.Move(dumpPath, target);
        PrivateDumpFolder.RestrictToOwner(target);
        LastFolder = _disk.Path;
        return target;
    }

    private bool HasRoomInMemory(string? root, int pid)
    {
        if (root is null || !OperatingSystem.IsLinux() || !Directory.Exists(root)) return false;
        try
        {
            if (!IsTmpfs(root)) return false;
            var drive = new DriveInfo(root);
            var needed = (long)(ProcMemory.RssBytes(pid) * DumpToRssRatio) + Headroom;
            // tmpfs pages are RAM: the dump must fit both the file system and the free memory.
            var room = Math.Min(drive.AvailableFreeSpace, ProcMemory.AvailableBytes());
            if (needed <= room) return true;
            LastFallbackReason = FormattableString.Invariant(
                $"{root} has {room / 1048576} MB free, a dump of this target needs about {needed / 1048576} MB");
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or FormatException)
        {
            LastFallbackReason = $"could not size the dump for {root}: {e.Message}";
            return false;
        }
    }

    private static bool IsTmpfs(string path)
    {
        try
        {
            return OperatingSystem.IsLinux() && new DriveInfo(path).DriveFormat == "tmpfs";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
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
