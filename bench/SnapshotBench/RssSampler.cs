using System.Globalization;

/// <summary>
/// This process's resident memory while a snapshot is taken and analysed: /proc/self/status read every
/// 10 ms (VmRSS and its anonymous, file and shmem parts, maxima over the interval) and VmHWM after the
/// kernel's peak was reset (clear_refs 5), so a short spike between two reads is not missed.
/// </summary>
internal sealed class RssSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopping;

    private RssSampler()
    {
        Before = Read()["VmRSS"];
        // Resets VmHWM to the current RSS (Linux ≥ 4.0); ignored where it cannot be written.
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _thread = new Thread(Run) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    public double Before { get; }
    public double PeakRss { get; private set; }
    public double PeakAnon { get; private set; }
    public double PeakFile { get; private set; }
    public double PeakShmem { get; private set; }
    public double HighWaterMark { get; private set; }

    public static RssSampler Start() => new();

    public void Stop()
    {
        _stopping = true;
        _thread.Join();
        var last = Read();
        Track(last);
        HighWaterMark = last["VmHWM"];
    }

    private void Run()
    {
        while (!_stopping)
        {
            Track(Read());
            Thread.Sleep(10);
        }
    }

    private void Track(Dictionary<string, double> status)
    {
        PeakRss = Math.Max(PeakRss, status["VmRSS"]);
        PeakAnon = Math.Max(PeakAnon, status.GetValueOrDefault("RssAnon"));
        PeakFile = Math.Max(PeakFile, status.GetValueOrDefault("RssFile"));
        PeakShmem = Math.Max(PeakShmem, status.GetValueOrDefault("RssShmem"));
    }

    /// <summary>Status fields in bytes ("VmRSS:   123 kB").</summary>
    private static Dictionary<string, double> Read()
    {
        var fields = new Dictionary<string, double>();
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || !line.EndsWith(" kB", StringComparison.Ordinal)) continue;
            var value = line[(colon + 1)..^3].Trim();
            fields[line[..colon]] = double.Parse(value, CultureInfo.InvariantCulture) * 1024;
        }
        return fields;
    }

    public void Dispose()
    {
        if (!_stopping) Stop();
    }
}
