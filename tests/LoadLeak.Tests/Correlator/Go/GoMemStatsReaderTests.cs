using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class GoMemStatsReaderTests
{
    [Fact]
    public void Reads_memstats_from_expvar()
    {
        var stats = GoMemStatsReader.FromExpvar(GoTestData.Text("vars.json"));

        Assert.True(stats.HeapInuse > 1e6, $"HeapInuse {stats.HeapInuse}");
        Assert.True(stats.HeapAlloc > 1e6 && stats.HeapAlloc <= stats.HeapInuse, $"HeapAlloc {stats.HeapAlloc}");
        // 20,000 parked goroutines: their stacks dominate.
        Assert.True(stats.StackInuse > 20_000 * 2048.0, $"StackInuse {stats.StackInuse}");
        Assert.True(stats.Sys > stats.HeapInuse);
        Assert.True(stats.NumGc >= 1);
        Assert.True(stats.TotalAlloc >= stats.HeapAlloc);
        Assert.True(stats.PauseTotalNs > 0);
    }

    [Fact]
    public void Reads_memstats_from_the_heap_debug_trailer()
    {
        var stats = GoMemStatsReader.FromHeapDebug(GoTestData.Text("heap-debug1.txt"));

        Assert.True(stats.HeapInuse > 1e6);
        Assert.True(stats.StackInuse > 20_000 * 2048.0, $"Stack {stats.StackInuse}");
        Assert.True(stats.NumGc >= 1);
        Assert.NotNull(stats.HeapAlloc);
        Assert.NotNull(stats.TotalAlloc);
        Assert.Null(stats.PauseTotalNs);
    }

    [Fact]
    public void Takes_the_in_use_half_of_the_stack_line()
    {
        var stats = GoMemStatsReader.FromHeapDebug("# runtime.MemStats\n# HeapInuse = 5554176\n# Stack = 6684672 / 7000000\n# NumGC = 4\n");
        Assert.Equal(5554176, stats.HeapInuse);
        Assert.Equal(6684672, stats.StackInuse);
        Assert.Equal(4, stats.NumGc);
    }

    [Theory]
    [InlineData("<html>404</html>", "not expvar JSON")]
    [InlineData("""{"cmdline":["app"]}""", "without a memstats object")]
    [InlineData("[1,2]", "without a memstats object")]
    public void Expvar_that_is_not_memstats_is_a_clear_error(string body, string message) =>
        Assert.Contains(message, Assert.Throws<EndpointContentException>(() => GoMemStatsReader.FromExpvar(body)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_heap_page_without_the_trailer_is_a_clear_error()
    {
        var error = Assert.Throws<EndpointContentException>(() => GoMemStatsReader.FromHeapDebug("heap profile: 0: 0 [0: 0] @ heap/1048576\n"));
        Assert.Contains("runtime.MemStats", error.Message, StringComparison.Ordinal);
    }
}
