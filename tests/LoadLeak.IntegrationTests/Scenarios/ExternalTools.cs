using System.Diagnostics;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// Real clients nobody here wrote (Debian packages: kcat, python3-grpcio, python3-grpc-tools, python3-protobuf).
/// Tests that need one are skipped with a reason when it is absent locally, and fail when CI=true.
/// </summary>
internal static class ExternalTools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Kcat { get; } = FindOnPath("kcat");

    /// <summary>A python3 that can import grpc: Debian's /usr/bin/python3 first (a pyenv shim would not see apt packages).</summary>
    public static string? PythonWithGrpc { get; } = new[] { "/usr/bin/python3", FindOnPath("python3") }
        .Where(p => p is not null && File.Exists(p)).Distinct()
        .FirstOrDefault(p => Succeeds(p!, "-c", "import grpc"));

    public static bool PythonHasGrpcTools => PythonWithGrpc is not null && Succeeds(PythonWithGrpc, "-c", "import grpc_tools.protoc, google.protobuf");

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static bool Succeeds(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            if (!process.WaitForExit(10_000)) { process.Kill(true); return false; }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}

/// <summary>A fact that needs kcat: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresKcatFactAttribute : FactAttribute
{
    public RequiresKcatFactAttribute()
    {
        if (ExternalTools.Kcat is null && !ExternalTools.IsCi)
            Skip = "kcat is not installed (apt-get install kcat); required when CI=true";
    }
}

/// <summary>A fact that needs python3 with grpcio: skipped without it locally, runs (and fails clearly) in CI.</summary>
public sealed class RequiresPythonGrpcFactAttribute : FactAttribute
{
    public RequiresPythonGrpcFactAttribute()
    {
        if (ExternalTools.PythonWithGrpc is null && !ExternalTools.IsCi)
            Skip = "python3 with grpcio is not installed (apt-get install python3-grpcio python3-grpc-tools python3-protobuf); required when CI=true";
    }
}

/// <summary>Runs a command to completion with a time limit; kills it on timeout.</summary>
internal static class Command
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
