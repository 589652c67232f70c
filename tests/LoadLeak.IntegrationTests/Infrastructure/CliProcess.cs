using System.Diagnostics;
using System.Text;

namespace LoadLeak.IntegrationTests.Infrastructure;

public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}

/// <summary>Runs the real `loadleak` CLI as a child process, with a hard time limit.</summary>
public static class CliProcess
{
    public static Task<CliResult> RunAsync(TimeSpan limit, params string[] args) => RunDllAsync(RepoPaths.LoadLeakDll, limit, args);

    /// <summary>Runs another program built on the LoadLeak library (e.g. samples/CodeFirst) the same way.</summary>
    public static Task<CliResult> RunDllAsync(string dll, TimeSpan limit, params string[] args) => RunAsync(StartInfo(dll, args), limit);

    /// <summary>Runs any program to its end (killed, whole tree, at the limit) and captures its output.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo info, TimeSpan limit)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{info.FileName} {string.Join(' ', info.ArgumentList)} did not finish in {limit}:\n{stdout}\n{stderr}");
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts the CLI and returns at once, for tests that signal or kill it mid-run.</summary>
    public static RunningCli Start(params string[] args)
    {
        var process = new Process { StartInfo = StartInfo(RepoPaths.LoadLeakDll, args) };
        process.Start();
        return new RunningCli(process);
    }

    private static ProcessStartInfo StartInfo(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}
