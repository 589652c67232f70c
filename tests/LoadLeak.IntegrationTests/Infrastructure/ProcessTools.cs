using System.Runtime.InteropServices;

namespace LoadLeak.IntegrationTests.Infrastructure;

/// <summary>Signals and liveness checks by pid, for processes the test did not start itself (orphans, targets).</summary>
public static class ProcessTools
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    /// <summary>True while the pid runs; a zombie (exited, not yet reaped) counts as gone.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Kills the pid if it still runs; for cleanup in finally blocks.</summary>
    public static void KillQuietly(int? pid)
    {
        if (pid is { } p && p > 0 && IsAlive(p)) Kill(p, SigKill);
    }

    public static async Task<bool> WaitGoneAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid)) return true;
            await Task.Delay(50);
        }
        return !IsAlive(pid);
    }

    /// <summary>Pids whose command line contains <paramref name="marker"/> (like `pgrep -f`).</summary>
    public static IReadOnlyList<int> WithCommandLine(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(marker, StringComparison.Ordinal) && IsAlive(pid)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
