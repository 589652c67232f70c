using System.Diagnostics;
using System.Text;

namespace LoadLeak.IntegrationTests.Infrastructure;

/// <summary>
/// A `loadleak` process still running, for tests that signal or kill it mid-run.
/// Disposing kills whatever is left of it (only its own tree), so a failed test leaves nothing behind.
/// </summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    internal RunningCli(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StdOut { get { lock (_stdout) return _stdout.ToString(); } }

    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits for the exit; after <paramref name="limit"/> the process is killed and the test fails.</summary>
    public async Task<CliResult> WaitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"loadleak did not exit within {limit}:\n{StdOut}\n{StdErr}");
        }
        _process.WaitForExit();
        return new CliResult(_process.ExitCode, StdOut, StdErr);
    }

    /// <summary>SIGKILL to the loadleak process alone, as `kill -9` would: its children are orphaned.</summary>
    public void KillNine() => _process.Kill(entireProcessTree: false);

    public override string ToString() => $"--- stdout\n{StdOut}\n--- stderr\n{StdErr}";

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
