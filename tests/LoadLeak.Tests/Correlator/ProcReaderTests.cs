using LoadLeak.Correlator.Sampling.EventPipe;
using LoadLeak.Correlator.Sampling.Proc;

namespace LoadLeak.Tests.Correlator;

public class ProcReaderTests
{
    [Fact]
    public void Stat_is_parsed_after_a_comm_with_spaces_and_parentheses()
    {
        const string stat = "4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 1530 0 0 0 250 130 0 0 20 0 9 0 12345 1000000 2000 18446744073709551615";
        var (state, cpu) = ProcReader.ParseStat(stat);
        Assert.Equal('S', state);
        Assert.Equal(3.8, cpu!.Value, 9);
        Assert.Equal(('?', (double?)null), ProcReader.ParseStat("garbage"));
    }

    [Fact]
    public void Status_gives_rss_in_bytes_and_threads()
    {
        var (rss, threads) = ProcReader.ParseStatus(["Name:\tx", "VmRSS:\t   2048 kB", "Threads:\t17"]);
        Assert.Equal(2048 * 1024, rss);
        Assert.Equal(17, threads);
    }

    [Fact]
    public void Own_process_is_readable()
    {
        var me = ProcReader.TryRead(Environment.ProcessId);
        Assert.NotNull(me);
        Assert.True(me!.RssBytes > 0 && me.Threads > 1 && me.Fds > 2 && me.CpuSeconds >= 0);
        Assert.Null(ProcReader.TryRead(int.MaxValue));
    }

    [Fact]
    public void Fd_count_follows_files_opened_and_closed()
    {
        var before = ProcReader.TryRead(Environment.ProcessId)!.Fds!.Value;
        var files = Enumerable.Range(0, 20).Select(_ => File.OpenRead("/proc/self/stat")).ToList();
        var opened = ProcReader.TryRead(Environment.ProcessId)!.Fds!.Value;
        files.ForEach(f => f.Dispose());
        var closed = ProcReader.TryRead(Environment.ProcessId)!.Fds!.Value;

        // Other test threads may open or close a few fds meanwhile; twenty is well outside that noise.
        Assert.InRange(opened - before, 15, 25);
        Assert.InRange(opened - closed, 15, 25);
        Assert.InRange(Directory.GetFileSystemEntries("/proc/self/fdinfo").Length - Directory.GetFileSystemEntries("/proc/self/fd").Length, -3, 3);
    }

    [Fact]
    public void Liveness_is_read_from_the_process_state()
    {
        Assert.True(ProcReader.IsAlive(Environment.ProcessId));
        Assert.False(ProcReader.IsAlive(int.MaxValue));
    }

    [Fact]
    public void Runtime_version_comes_from_the_libcoreclr_path()
    {
        Assert.Equal(new Version(10, 0, 12), DotNetProbe.ParseCoreClrPath("7f00-7f10 r-xp 0 08:01 1 " +
            "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so"));
        Assert.Equal(new Version(9, 0, 0), DotNetProbe.ParseCoreClrPath("x /d/shared/Microsoft.NETCore.App/9.0.0-rc.2.24473.5/libcoreclr.so"));
        Assert.Null(DotNetProbe.ParseCoreClrPath("x /app/libcoreclr.so"));
        Assert.Equal(CounterMode.EventCounters, CounterProviders.ModeFor(new Version(8, 0, 11)));
        Assert.Equal(CounterMode.Meter, CounterProviders.ModeFor(new Version(10, 0, 12)));
    }
}
