using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoadLeak.Targets;

/// <summary>
/// A target process LoadLeak started. Its output goes to a log file beside the reports, and it is
/// always stopped: politely (SIGTERM) first, then the whole process tree is killed.
/// </summary>
internal sealed class LaunchedTarget : ITarget
{
    private readonly Process _process;
    private readonly CappedLogWriter _log;
    private readonly LogRateMeter _rate;
    private readonly string _logPath;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _tail = new();

    private LaunchedTarget(Process process, CappedLogWriter log, LogRateMeter rate, string logPath, string description)
    {
        _process = process;
        _log = log;
        _rate = rate;
        _logPath = logPath;
        Description = description;
    }

    public int Pid { get; private set; }
    public string Description { get; }
    public double? StartupSeconds { get; internal set; }
    public DateTime StartedAt { get; } = DateTime.UtcNow;
    public bool HasExited => _exited.Task.IsCompleted;
    public int? ExitCode => HasExited ? SafeExitCode() : null;
    public Task Exited => _exited.Task;

    /// <summary>The last lines the target printed, for error messages.</summary>
    public string Tail { get { lock (_tail) return string.Join(Environment.NewLine, _tail); } }

    /// <summary>The folder the target runs in.</summary>
    public string WorkingDirectory { get; private set; } = "";

    /// <summary>What run.json's notes say about target.log: lines skipped by the cap, a log written too fast.</summary>
    public IReadOnlyList<string> LogNotes
    {
        get
        {
            lock (_tail)
            {
                var notes = new List<string>();
                if (_rate.ExceededAt is { } rate) notes.Add(FastLogMessage(rate, _logPath));
                if (_log.SkippedNote(_logPath) is { } skipped) notes.Add(skipped);
                return notes;
            }
        }
    }

    public static string FastLogMessage(double bytesPerSecond, string logPath) =>
        FormattableString.Invariant($"the target writes its log at {bytesPerSecond / 1048576:0.0} MB/s (more than 1 MB/s): ") +
        $"logging every request slows it down and skews the run; does it find its config (see {logPath})?";

    public static LaunchedTarget Start(IReadOnlyList<string> command, string logPath) =>
        Start(command, logPath, new LaunchOptions(Directory.GetCurrentDirectory(), LaunchOptions.DefaultLogMaxBytes));

    public static LaunchedTarget Start(IReadOnlyList<string> command, string logPath, LaunchOptions options)
    {
        if (ExecutablePath.Find(command[0]) is null)
            throw new Engine.ConfigException($"--target-cmd: cannot start '{command[0]}': not found or not executable");
        var launch = ParentDeathSignal.Wrap(command);
        var info = new ProcessStartInfo(launch[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory,
        };
        foreach (var arg in launch.Skip(1)) info.ArgumentList.Add(arg);
        // The target is sampled over EventPipe; make sure nobody switched diagnostics off for children.
        info.Environment["DOTNET_EnableDiagnostics"] = "1";

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new CappedLogWriter(logPath, options.LogMaxBytes);
        var rate = new LogRateMeter(LaunchOptions.FastLogBytesPerSecond, TimeProvider.System) { Exceeded = options.OnFastLog };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var target = new LaunchedTarget(process, log, rate, logPath, string.Join(' ', command)) { WorkingDirectory = options.WorkingDirectory };
        process.OutputDataReceived += (_, e) => target.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => target.OnOutput(e.Data);
        process.Exited += (_, _) => target._exited.TrySetResult();
        try
        {
            StartFromLongLivedThread(process, target.Exited);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            log.Dispose();
            throw new Engine.ConfigException($"--target-cmd: cannot start '{command[0]}': {ex.Message}");
        }
        target.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return target;
    }

    /// <summary>
    /// The parent-death signal fires when the thread that forked the child ends, not the process; a thread-pool
    /// thread may retire mid-run. So the target is forked from a thread that waits until the target has exited.
    /// </summary>
    private static void StartFromLongLivedThread(Process process, Task exited)
    {
        Exception? failure = null;
        using var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try { process.Start(); }
            catch (Exception ex) { failure = ex; }
            finally { started.Set(); }
            if (failure is null) exited.Wait();
        })
        { IsBackground = true, Name = "target parent" };
        thread.Start();
        started.Wait();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    private void OnOutput(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 20) _tail.Dequeue();
            _rate.Add(_log.WriteLine(line));
        }
    }

    public async Task StopAsync()
    {
        if (!HasExited)
        {
            _ = SendSigterm(_process.Id);
            var graceful = await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5))) == _exited.Task;
            if (!graceful)
            {
                try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(5)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (_tail) _log.Dispose();
        _process.Dispose();
    }

    private int? SafeExitCode()
    {
        try { return _process.ExitCode; } catch (InvalidOperationException) { return null; }
    }

    private static int SendSigterm(int pid) => Kill(pid, 15);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
