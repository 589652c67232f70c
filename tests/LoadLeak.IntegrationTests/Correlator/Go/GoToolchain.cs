using System.Diagnostics;
using LoadLeak.IntegrationTests.Scenarios;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>
/// Debian's Go (golang-go) and the GoLeaky fixture built with it once per test run, into the test output. Tests that
/// need it are skipped with a reason when go is absent locally, and fail when CI=true (.ci/run installs golang-go).
/// </summary>
internal static class GoToolchain
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static string? _built;

    public static string? Go { get; } = ExternalTools.FindOnPath("go") ?? (File.Exists("/usr/bin/go") ? "/usr/bin/go" : null);

    public static string FixtureSource => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "GoLeaky");

    public static string FixtureLeaksFile => Path.Combine(FixtureSource, "leaks.go");

    /// <summary>The built fixture binary; built on first use.</summary>
    public static async Task<string> GoLeakyAsync()
    {
        var go = Go ?? throw new InvalidOperationException("go is required when CI=true: apt-get install golang-go");
        await BuildGate.WaitAsync();
        try
        {
            if (_built is not null) return _built;
            var output = Path.Combine(AppContext.BaseDirectory, "goleaky", "goleaky");
            var info = new ProcessStartInfo(go, ["build", "-o", output, "."])
            {
                WorkingDirectory = FixtureSource,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            // No cgo (no C compiler needed), no module downloads (stdlib only), a build cache of our own if HOME has none.
            info.Environment["CGO_ENABLED"] = "0";
            info.Environment["GOPROXY"] = "off";
            info.Environment["GOFLAGS"] = "";
            info.Environment["GOCACHE"] = GoCache();
            using var build = Process.Start(info) ?? throw new InvalidOperationException($"could not start {go}");
            var stderr = build.StandardError.ReadToEndAsync();
            await build.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await build.WaitForExitAsync(timeout.Token);
            if (build.ExitCode != 0) throw new InvalidOperationException($"go build in {FixtureSource} failed ({build.ExitCode}): {await stderr}");
            return _built = output;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    private static string GoCache()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) || !Directory.Exists(home)
            ? Path.Combine(Path.GetTempPath(), "loadleak-go-cache")
            : Path.Combine(home, ".cache", "go-build");
    }
}

/// <summary>A theory that needs go: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresGoTheoryAttribute : TheoryAttribute
{
    public RequiresGoTheoryAttribute()
    {
        if (GoToolchain.Go is null && !ExternalTools.IsCi)
            Skip = "go is not installed (apt-get install golang-go); required when CI=true";
    }
}

/// <summary>A fact that needs go: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresGoFactAttribute : FactAttribute
{
    public RequiresGoFactAttribute()
    {
        if (GoToolchain.Go is null && !ExternalTools.IsCi)
            Skip = "go is not installed (apt-get install golang-go); required when CI=true";
    }
}
