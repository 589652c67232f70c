using System.Diagnostics;
using LoadLeak.IntegrationTests.Infrastructure;

namespace LoadLeak.IntegrationTests.Correlator.Forensics;

/// <summary>
/// The LeakyApp fixture (tests/Fixtures/LeakyApp) as a child process, driven phase by phase
/// over stdin so snapshots land at deterministic points. Always killed on dispose.
/// </summary>
public sealed class LeakyProcess : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private LeakyProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static string AppDll => Path.Combine(RepoPaths.Root, "tests", "Fixtures", "LeakyApp", "bin", RepoPaths.Configuration, "net10.0",
        "LeakyApp.dll");

    public static async Task<LeakyProcess> StartAsync(string mode)
    {
        if (!File.Exists(AppDll)) throw new FileNotFoundException("build the LeakyApp fixture first (the integration test project references it)",
            AppDll);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppDll);
        info.ArgumentList.Add(mode);
        var leaky = new LeakyProcess(Process.Start(info)!);
        _ = leaky._process.StandardError.ReadToEndAsync();
        await leaky.ExpectAsync("ready");
        return leaky;
    }

    /// <summary>Sends one command and waits for the fixture to acknowledge it; returns the acknowledgement.</summary>
    public async Task<string> SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ExpectAsync("ok " + command);
    }

    /// <summary>The longest freeze the fixture saw since the previous call (its stall meter).</summary>
    public async Task<double> MaxStallMsAsync()
    {
        var answer = await SendAsync("stall");
        return double.Parse(answer[(answer.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> ExpectAsync(string prefix)
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"LeakyApp exited (code {(_process.HasExited ? _process.ExitCode : -1)}) while waiting for " +
                    $"'{prefix}'");
            if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
            if (line.StartsWith("error", StringComparison.Ordinal)) throw new InvalidOperationException(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
