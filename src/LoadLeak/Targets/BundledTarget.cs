using System.Reflection;

namespace LoadLeak.Targets;

/// <summary>Where the bundled samples/TargetService was built, and how to start it.</summary>
internal static class BundledTarget
{
    public const string DefaultCommand = "dotnet \"{dll}\" --port {port} --grpc-port {grpcPort} --kafka {kafka}";
    public const string DefaultReadyUrl = "http://127.0.0.1:{port}/healthz";

    public static string DllPath =>
        Metadata("BundledTarget") ?? throw new InvalidOperationException("build metadata BundledTarget is missing");

    /// <summary>The repository the CLI was built from; the default config lives there.</summary>
    public static string? RepoRoot => Metadata("RepoRoot");

    public static string Command()
    {
        if (!File.Exists(DllPath))
            throw new Cli.InfrastructureException(
                $"the bundled target is not built: {DllPath} is missing (build the solution, or pass --target-cmd)");
        return DefaultCommand.Replace("{dll}", DllPath, StringComparison.Ordinal);
    }

    private static string? Metadata(string key) =>
        typeof(BundledTarget).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
