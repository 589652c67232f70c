using System.Reflection;

namespace LoadLeak.IntegrationTests.Infrastructure;

/// <summary>Finds the repository and the built CLI from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string LoadLeakDll => Path.Combine(Root, "src", "Runner", "bin", Configuration, "net10.0", "LoadLeak.Runner.dll");

    /// <summary>The bundled target, as the runner's build copies it beside itself.</summary>
    public static string TargetServiceDll => Path.Combine(Root, "samples", "TargetService", "bin", Configuration, "net10.0", "TargetService.dll");

    public static string BenchmarkProto => Path.Combine(Root, "scenarios", "Protos", "benchmark.proto");

    public static string TestConfig(string name) => Path.Combine(Root, "tests", "LoadLeak.IntegrationTests", "configs", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoadLeak.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LoadLeak.sln not found above " + AppContext.BaseDirectory);
    }
}
