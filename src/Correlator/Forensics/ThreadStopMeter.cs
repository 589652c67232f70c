using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Measures how long the target was really paused while a dump was written. On Linux the
/// runtime forks createdump, which ptrace-attaches every thread of the target (state 't',
/// tracing stop) for as long as it gathers and writes memory, and detaches them at the end.
/// A background thread reads /proc/&lt;pid&gt;/task/*/stat every few milliseconds (through open
/// handles, so a sweep costs a few reads, not directory walks) and brackets the interval
/// during which any thread was in tracing stop. The WriteDump call around it also pays IPC,
/// createdump's start-up and the reply, which do not stop the target.
/// </summary>
internal sealed class ThreadStopMeter : IDisposable
{
    private const int RelistEverySweeps = 25;
    private readonly string _taskDir;
    private readonly TimeSpan _interval;
    private readonly Thread _thread;
    private readonly Dictionary<int, SafeFileHandle> _stats = [];
    private readonly byte[] _buffer = new byte[1024];
    private volatile bool _stopping;
    private long _lastClearBefore = -1, _firstStopped = -1, _lastStopped = -1, _firstClearAfter = -1;
    private int _sweeps, _maxStoppedThreads;

    private ThreadStopMeter(int pid, TimeSpan interval)
    {
        _taskDir = $"/proc/{pid}/task";
        _interval = interval;
        _thread = new Thread(Run) { IsBackground = true, Name = "loadleak-thread-stop-meter", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Starts sampling; null where /proc has no task list for the process (not Linux, process gone).</summary>
    public static ThreadStopMeter? TryStart(int pid, TimeSpan interval) =>
        OperatingSystem.IsLinux() && Directory.Exists($"/proc/{pid}/task") ? new ThreadStopMeter(pid, interval) : null;

    /// <summary>Stops sampling and returns the measured pause; null when no thread was ever seen stopped.</summary>
    public PauseMeasurement? Stop()
    {
        _stopping = true;
        _thread.Join();
        if (_firstStopped < 0) return null;
        // Stopped for at least first..last stopped sweep, at most from the clear sweep before to the clear sweep after.
        var lower = Ms(_lastStopped - _firstStopped);
        var upper = Ms((_firstClearAfter < 0 ? _lastStopped : _firstClearAfter) - (_lastClearBefore < 0 ? _firstStopped : _lastClearBefore));
        return new PauseMeasurement((lower + upper) / 2, (upper - lower) / 2, _maxStoppedThreads, _sweeps);
    }

    private void Run()
    {
        while (!_stopping)
        {
            var now = Stopwatch.GetTimestamp();
            if (_sweeps++ % RelistEverySweeps == 0) Relist();
            var stopped = CountStopped();
            if (stopped == null) return; // the process is gone
            if (stopped > 0)
            {
                if (_firstStopped < 0) _firstStopped = now;
                _lastStopped = now;
                _firstClearAfter = -1;
                _maxStoppedThreads = Math.Max(_maxStoppedThreads, stopped.Value);
            }
            else if (_firstStopped < 0) _lastClearBefore = now;
            else if (_firstClearAfter < 0) _firstClearAfter = now;
            Thread.Sleep(_interval);
        }
    }

    private int? CountStopped()
    {
        var stopped = 0;
        foreach (var (tid, handle) in _stats.ToArray())
        {
            try
            {
                var read = RandomAccess.Read(handle, _buffer, 0);
                if (IsTracingStop(_buffer.AsSpan(0, read))) stopped++;
            }
            catch (IOException)
            {
                // The thread exited (ESRCH): forget it.
                handle.Dispose();
                _stats.Remove(tid);
            }
        }
        return _stats.Count == 0 && !Directory.Exists(_taskDir) ? null : stopped;
    }

    private void Relist()
    {
        try
        {
            foreach (var dir in Directory.EnumerateDirectories(_taskDir))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var tid) || _stats.ContainsKey(tid)) continue;
                try { _stats[tid] = File.OpenHandle(Path.Combine(dir, "stat")); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* exited meanwhile */ }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the process exited */ }
    }

    /// <summary>"tid (comm) S ...": comm may hold spaces and parentheses, so the state follows the last ')'.</summary>
    public static bool IsTracingStop(ReadOnlySpan<byte> stat)
    {
        var close = stat.LastIndexOf((byte)')');
        return close >= 0 && close + 2 < stat.Length && stat[close + 2] == (byte)'t';
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public void Dispose()
    {
        if (!_stopping) Stop();
        foreach (var handle in _stats.Values) handle.Dispose();
        _stats.Clear();
    }
}
