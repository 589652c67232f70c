using System.Diagnostics;
using System.Text;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>The GoLeaky fixture as a child process on a loopback port it picks itself; killed on dispose.</summary>
internal sealed class GoLeakyProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GoLeakyProcess(Process process) => _process = process;

    public int Port { get; private set; }

    public int Pid => _process.Id;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public Uri PprofUrl => new(BaseUrl, "debug/pprof");

    public Uri MetricsUrl => new(BaseUrl, "metrics");

    public Uri QueryUrl => new(BaseUrl, "api/query");

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Starts <c>goleaky -port 0 -mode MODE</c> plus <paramref name="args"/>; returns once it listens.</summary>
    public static async Task<GoLeakyProcess> StartAsync(string mode, params string[] args)
    {
        var binary = await GoToolchain.GoLeakyAsync();
        var info = new ProcessStartInfo(binary, ["-port", "0", "-mode", mode, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var fixture = new GoLeakyProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}"));
        fixture._process.OutputDataReceived += (_, e) => fixture.Append(e.Data);
        fixture._process.ErrorDataReceived += (_, e) => fixture.Append(e.Data);
        fixture._process.BeginOutputReadLine();
        fixture._process.BeginErrorReadLine();
        var exited = fixture._process.WaitForExitAsync();
        var ready = await Task.WhenAny(fixture._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(20)));
        if (ready != fixture._listening.Task)
        {
            fixture.Dispose();
            throw new InvalidOperationException($"goleaky -mode {mode} did not start listening: {fixture.Output}");
        }
        fixture.Port = await fixture._listening.Task;
        return fixture;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(); }
        catch (InvalidOperationException) { }
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        // "listening 127.0.0.1:41234 mode=map"
        if (!line.StartsWith("listening ", StringComparison.Ordinal)) return;
        var address = line.Split(' ')[1];
        if (int.TryParse(address[(address.LastIndexOf(':') + 1)..], out var port)) _listening.TrySetResult(port);
    }
}
