namespace LoadLeak.Targets;

/// <summary>
/// The target and the default config that ship with the tool, found beside its own assembly (AppContext.BaseDirectory):
/// the installed package, or the repository's build output; never the source tree.
/// </summary>
internal static class BundledTarget
{
    public const string DefaultCommand = "dotnet \"{dll}\" --port {port} --grpc-port {grpcPort} --kafka {kafka}";
    public const string DefaultReadyUrl = "http://127.0.0.1:{port}/healthz";

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "TargetService.dll");

    /// <summary>The config `run` uses when the current folder has none; also the starter `loadleak init` writes.</summary>
    public static string DefaultConfigPath => Path.Combine(AppContext.BaseDirectory, "default-config.json");

    public static string Command()
    {
        if (!File.Exists(DllPath))
            throw new Cli.InfrastructureException(
                $"the bundled target is missing: no {DllPath} beside the LoadLeak tool (reinstall it, or pass --target-cmd)");
        return DefaultCommand.Replace("{dll}", DllPath, StringComparison.Ordinal);
    }
}
