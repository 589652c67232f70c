using System.Diagnostics;
using System.Text;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>The real TargetService as a child process on free loopback ports; killed (whole tree) on dispose.</summary>
internal sealed class TargetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private TargetProcess(Process process, int port, int grpcPort)
    {
        _process = process;
        Port = port;
        GrpcPort = grpcPort;
    }

    public int Port { get; }
    public int GrpcPort { get; }
    public int Pid => _process.Id;
    public string HttpBase => $"http://127.0.0.1:{Port}";
    public string GrpcAddress => $"http://127.0.0.1:{GrpcPort}";
    public string Output { get { lock (_output) return _output.ToString(); } }

    public IReadOnlyDictionary<string, string> Placeholders => new Dictionary<string, string>
    {
        ["port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["grpcPort"] = GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<TargetProcess> StartAsync(params string[] extraArgs)
    {
        if (!File.Exists(RepoPaths.TargetServiceDll))
            throw new InvalidOperationException($"TargetService is not built: {RepoPaths.TargetServiceDll} (dotnet build samples/TargetService -c Release)");
        int port = FreePort.Next(), grpcPort = FreePort.Next();
        var process = Start(["--port", port.ToString(), "--grpc-port", grpcPort.ToString(), .. extraArgs]);
        var target = new TargetProcess(process, port, grpcPort);
        process.OutputDataReceived += (_, e) => target.Append(e.Data);
        process.ErrorDataReceived += (_, e) => target.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await target.WaitHealthyAsync(TimeSpan.FromSeconds(20));
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    /// <summary>Runs the target to completion (for argument errors); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await process.WaitForExitAsync(timeout.Token); }
        finally { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private static Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoPaths.TargetServiceDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"TargetService exited with {_process.ExitCode}: {Output}");
            try
            {
                if ((await client.GetAsync($"{HttpBase}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"TargetService not healthy within {timeout}: {Output}");
    }
}
