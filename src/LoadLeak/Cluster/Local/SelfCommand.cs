using System.Reflection;
using LoadLeak.Results;

namespace LoadLeak.Cluster.Local;

/// <summary>How to start this same `loadleak` again as a child: the apphost, or `dotnet &lt;entry dll&gt;`.</summary>
internal static class SelfCommand
{
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("the process path is unknown");
        var isDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        if (!isDotnetHost) return [process];
        var entry = Assembly.GetEntryAssembly()?.Location;
        return string.IsNullOrEmpty(entry) ? throw new InvalidOperationException("the entry assembly is unknown") : [process, entry];
    }
}
