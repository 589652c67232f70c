using System.Net.Http;
using System.Net.Sockets;
using LoadLeak.Scenarios.Http;

namespace LoadLeak.Tests.Scenarios;

public class HttpFailureTests
{
    [Fact]
    public void Refused_connection_has_a_short_status()
    {
        var exception = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused",
            new SocketException((int)SocketError.ConnectionRefused));
        var response = HttpFailure.From(exception, CancellationToken.None, 3);
        Assert.False(response.IsOk);
        Assert.Equal("connection-refused", response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Message));
    }

    [Fact]
    public void Cancellation_is_a_timeout_unless_the_run_stopped()
    {
        Assert.Equal("timeout", HttpFailure.From(new TaskCanceledException(), CancellationToken.None, 1).StatusCode);
        Assert.Equal("cancelled", HttpFailure.From(new TaskCanceledException(), new CancellationToken(true), 1).StatusCode);
    }

    [Fact]
    public void Other_http_errors_are_kebab_cased()
    {
        var response = HttpFailure.From(new HttpRequestException(HttpRequestError.HttpProtocolError, "bad frame"), CancellationToken.None, 1);
        Assert.Equal("http-protocol-error", response.StatusCode);
    }
}
