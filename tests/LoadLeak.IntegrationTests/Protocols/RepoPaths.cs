namespace LoadLeak.IntegrationTests.Protocols;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TargetServiceDll => Path.Combine(Root, "samples", "TargetService", "bin", "Release", "net10.0", "TargetService.dll");

    public static string BenchmarkProto => Path.Combine(Root, "scenarios", "Protos", "benchmark.proto");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoadLeak.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no LoadLeak.sln above {AppContext.BaseDirectory}");
    }
}
