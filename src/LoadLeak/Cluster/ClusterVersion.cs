using System.Reflection;
using LoadLeak.Results;

namespace LoadLeak.Cluster;

/// <summary>This build's version, as members tell each other in their hellos.</summary>
internal static class ClusterVersion
{
    public static string Current { get; } =
        typeof(ClusterVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
