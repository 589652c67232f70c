using System.Globalization;

namespace LoadLeak.Correlator.Sampling.Proc;

/// <summary>Reads a Linux process's resource figures from /proc; works for any process, .NET or not.</summary>
public static class ProcReader
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/pid/stat, 100 on every mainstream Linux ABI.</summary>
    public const double ClockTicksPerSecond = 100;

    public static string ProcRoot { get; } = "/proc";

    /// <summary>False when the process is gone or a zombie (dead but not yet reaped).</summary>
    public static bool IsAlive(int pid)
    {
        // Only the state: callers poll this several times a second, and a full snapshot counts every fd.
        try
        {
            var (state, _) = ParseStat(File.ReadAllText(Path.Combine(ProcRoot, pid.ToString(CultureInfo.InvariantCulture), "stat")));
            return state is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    public static ProcSnapshot? TryRead(int pid)
    {
        var dir = Path.Combine(ProcRoot, pid.ToString(CultureInfo.InvariantCulture));
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(dir, "stat"));
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }

        var (state, cpu) = ParseStat(stat);
        var (rss, threads) = ReadStatus(Path.Combine(dir, "status"));
        return new ProcSnapshot(rss, threads, CountFds(Path.Combine(dir, "fdinfo")), cpu, state);
    }

    /// <summary>Fields after the ")" that closes comm (which may itself contain spaces and parentheses).</summary>
    public static (char State, double? CpuSeconds) ParseStat(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length) return ('?', null);
        var fields = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var state = fields.Length > 0 && fields[0].Length > 0 ? fields[0][0] : '?';
        if (fields.Length < 13) return (state, null);
        if (!long.TryParse(fields[11], NumberStyles.Integer, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.Integer, CultureInfo.InvariantCulture, out var stime))
            return (state, null);
        return (state, (utime + stime) / ClockTicksPerSecond);
    }

    public static (double? RssBytes, int? Threads) ParseStatus(IEnumerable<string> lines)
    {
        double? rss = null;
        int? threads = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = ParseFirstNumber(line) * 1024;
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                threads = (int?)ParseFirstNumber(line);
        }
        return (rss, threads);
    }

    private static (double? RssBytes, int? Threads) ReadStatus(string path)
    {
        try
        {
            return ParseStatus(File.ReadLines(path));
        }
        catch (IOException) { return (null, null); }
        catch (UnauthorizedAccessException) { return (null, null); }
    }

    private static double? ParseFirstNumber(string line)
    {
        var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
    }

    /// <summary>
    /// One entry per open fd. fdinfo rather than fd: its entries are regular files, whereas fd's are symlinks,
    /// which .NET's enumeration stats (twice) to learn whether they point at a directory: two system calls
    /// per fd per sample, tens of thousands a second for a server with many connections.
    /// </summary>
    private static int? CountFds(string fdDir)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(fdDir).Count();
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
