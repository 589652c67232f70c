using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>Is a pid a .NET process we can talk to, and which runtime version does it run?</summary>
internal static class DotNetProbe
{
    /// <summary>
    /// True when the process publishes a diagnostics socket. The socket's name carries the process's start time (the
    /// runtime's disambiguation key, /proc/pid/stat field 22): a .NET process killed with SIGKILL leaves its socket
    /// behind, and a later process given the same pid must not be taken for .NET because of it.
    /// </summary>
    public static bool HasDiagnosticsSocket(int pid)
    {
        try
        {
            if (!DiagnosticsClient.GetPublishedProcesses().Contains(pid)) return false;
            var keys = SocketKeys(pid).ToList();
            return StartTime(pid) is not { } started || keys.Count == 0 || keys.Contains(started);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The disambiguation keys of the sockets named dotnet-diagnostic-{pid}-{key}-socket.</summary>
    private static IEnumerable<ulong> SocketKeys(int pid)
    {
        var prefix = $"dotnet-diagnostic-{pid.ToString(CultureInfo.InvariantCulture)}-";
        foreach (var path in Directory.EnumerateFiles(Path.GetTempPath(), prefix + "*-socket"))
        {
            var name = Path.GetFileName(path);
            if (ulong.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - "-socket".Length), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var key))
                yield return key;
        }
    }

    /// <summary>Field 22 of /proc/pid/stat: when the process started, in clock ticks since boot.</summary>
    internal static ulong? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The shared-framework version from the path libcoreclr.so was mapped from
    /// (…/Microsoft.NETCore.App/10.0.12/libcoreclr.so); null for self-contained apps.
    /// </summary>
    public static Version? RuntimeVersion(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/maps"))
            {
                var version = ParseCoreClrPath(line);
                if (version is not null) return version;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    public static Version? ParseCoreClrPath(string mapsLine)
    {
        const string lib = "/libcoreclr.so";
        var at = mapsLine.IndexOf(lib, StringComparison.Ordinal);
        if (at < 0) return null;
        var dir = mapsLine[..at];
        var name = dir[(dir.LastIndexOf('/') + 1)..];
        var dash = name.IndexOf('-');
        if (dash >= 0) name = name[..dash];
        return Version.TryParse(name, out var version) ? version : null;
    }
}
