using System.Globalization;
using LoadLeak.Correlator.Sampling.Proc;

namespace LoadLeak.Correlator.Forensics;

/// <summary>Memory figures from /proc that size a dump before it is written.</summary>
internal static class ProcMemory
{
    /// <summary>Resident set of <paramref name="pid"/>; throws when it cannot be read (the caller then avoids tmpfs).</summary>
    public static double RssBytes(int pid) =>
        ProcReader.TryRead(pid)?.RssBytes ?? throw new IOException($"no VmRSS for pid {pid}");

    /// <summary>MemAvailable of /proc/meminfo: what the kernel can hand out without swapping.</summary>
    public static long AvailableBytes()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal))
            ?? throw new IOException("no MemAvailable in /proc/meminfo");
        var kb = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return long.Parse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture) * 1024;
    }
}
