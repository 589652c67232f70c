using LoadLeak.Correlator.Sampling.Go;
using LoadLeak.Correlator.Sampling.Prometheus;

namespace LoadLeak.Tests.Correlator.Go;

public class EndpointProbeTests
{
    [Fact]
    public async Task A_url_that_is_not_http_is_refused_in_one_line_without_a_request()
    {
        Assert.Equal("ftp://127.0.0.1/debug/pprof/: not an http:// or https:// URL",
            await PprofSource.ProbeAsync(new Uri("ftp://127.0.0.1/debug/pprof"), CancellationToken.None));
        Assert.Equal("debug/pprof: not an http:// or https:// URL",
            await PprofSource.ProbeAsync(new Uri("debug/pprof", UriKind.Relative), CancellationToken.None));
        Assert.Equal("file:///tmp/metrics: not an http:// or https:// URL",
            await PrometheusSource.ProbeAsync(new Uri("file:///tmp/metrics"), CancellationToken.None));
    }

    [Theory]
    [InlineData("http://127.0.0.1:6060/debug/pprof", "http://127.0.0.1:6060/debug/pprof/", "http://127.0.0.1:6060/debug/vars")]
    [InlineData("http://127.0.0.1:6060/debug/pprof/", "http://127.0.0.1:6060/debug/pprof/", "http://127.0.0.1:6060/debug/vars")]
    [InlineData("http://host:8080/admin/debug/pprof?x=1", "http://host:8080/admin/debug/pprof/", "http://host:8080/admin/debug/vars")]
    [InlineData("http://host:8080/pprof", "http://host:8080/pprof/", "http://host:8080/debug/vars")]
    public void Derives_the_profile_and_expvar_urls_from_the_base(string given, string expectedBase, string expectedVars)
    {
        var endpoint = new PprofEndpoint(new Uri(given));
        Assert.Equal(expectedBase, endpoint.Base.ToString());
        Assert.Equal(expectedVars, endpoint.Vars.ToString());
        Assert.Equal(expectedBase + "goroutine?debug=1", endpoint.Goroutines.ToString());
        Assert.Equal(expectedBase + "heap?gc=1", endpoint.HeapAfterGc.ToString());
    }
}
