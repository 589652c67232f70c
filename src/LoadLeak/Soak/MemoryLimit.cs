using System.Globalization;

namespace LoadLeak.Soak;

/// <summary>
/// How much memory the target may use before it is killed or swaps: its cgroup v2 limit when one is
/// set, else the machine's physical memory.
/// </summary>
internal static class MemoryLimit
{
    public static (double Bytes, string Source)? Of(int pid)
    {
        try
        {
            if (CgroupLimit(pid) is { } cgroup) return cgroup;
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                    return (double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024,
                        "machine memory (/proc/meminfo MemTotal)");
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static (double, string)? CgroupLimit(int pid)
    {
        var cgroupFile = $"/proc/{pid}/cgroup";
        if (!File.Exists(cgroupFile)) return null;
        // cgroup v2: a single line "0::/path"
        var line = File.ReadLines(cgroupFile).FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
        if (line is null) return null;
        var path = Path.Combine("/sys/fs/cgroup", line[3..].TrimStart('/'), "memory.max");
        if (!File.Exists(path)) return null;
        var text = File.ReadAllText(path).Trim();
        return text == "max" || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)
            ? null
            : (bytes, $"cgroup limit ({path})");
    }
}
