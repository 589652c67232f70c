using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class PprofIndexParserTests
{
    [Fact]
    public void Reads_every_profiles_count_off_the_index_page()
    {
        var html = GoTestData.Text("pprof-index.html");
        var counts = PprofIndexParser.Counts(html);

        Assert.Equal(["allocs", "block", "cmdline", "goroutine", "heap", "mutex", "profile", "threadcreate", "trace"], counts.Keys.Order());
        Assert.True(counts["goroutine"] >= 20_000, $"goroutine count {counts["goroutine"]}");
        Assert.Equal(counts["goroutine"], PprofIndexParser.Goroutines(html));
    }

    [Theory]
    [InlineData("<tr><td>42</td><td><a href='goroutine?debug=1'>goroutine</a></td></tr>", 42)]
    [InlineData("<tr><td> 7 </td><td><a href=\"goroutine?debug=1\">goroutine</a></td></tr>", 7)]
    [InlineData("<tr><td>9</td><td><a href='goroutine'>goroutine</a></td></tr>", 9)]
    public void Tolerates_the_markup_of_other_go_versions(string row, long expected) =>
        Assert.Equal(expected, PprofIndexParser.Goroutines("<table>" + row + "</table>"));

    [Fact]
    public void A_page_without_a_goroutine_row_is_a_clear_error()
    {
        var error = Assert.Throws<EndpointContentException>(() => PprofIndexParser.Goroutines("<html><h1>Welcome</h1></html>"));
        Assert.Contains("/debug/pprof", error.Message, StringComparison.Ordinal);
    }
}
