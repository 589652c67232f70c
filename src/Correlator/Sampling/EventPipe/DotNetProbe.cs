using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace LoadLeak.Correlator.Sampling.EventPipe;

/// <summary>Is a pid a .NET process we can talk to, and which runtime version does it run?</summary>
internal static class DotNetProbe
{
    /// <summary>True when the process publishes a diagnostics socket.</summary>
    public static bool HasDiagnosticsSocket(int pid)
    {
        try
        {
            return DiagnosticsClient.GetPublishedProcesses().Contains(pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
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
