using System.Net.Sockets;
using LoadLeak.Engine.Api;

namespace LoadLeak.Scenarios.Http;

/// <summary>Turns transport exceptions into a failed Response with a short, stable status.</summary>
internal static class HttpFailure
{
    public static Response From(Exception exception, CancellationToken engineToken, double elapsedMs, TimeSpan? timeout = null)
    {
        if (exception is OperationCanceledException)
            return engineToken.IsCancellationRequested
                ? Response.Fail("cancelled", "the run stopped before the response arrived", customLatencyMs: elapsedMs)
                : Response.Fail("timeout", timeout is { } limit
                    ? FormattableString.Invariant($"no response within the timeout of {limit.TotalMilliseconds:0} ms")
                    : $"no response within the timeout ({exception.Message})", customLatencyMs: elapsedMs);

        var socket = FindInner<SocketException>(exception);
        if (socket is not null)
        {
            var status = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection-refused",
                SocketError.ConnectionReset => "connection-reset",
                SocketError.TimedOut => "timeout",
                SocketError.HostNotFound or SocketError.NoData => "name-resolution",
                _ => "socket-" + Kebab(socket.SocketErrorCode.ToString()),
            };
            return Response.Fail(status, socket.Message, customLatencyMs: elapsedMs);
        }

        if (exception is HttpRequestException http)
            return Response.Fail(Kebab(http.HttpRequestError.ToString()), http.Message, customLatencyMs: elapsedMs);
        return Response.Fail(Kebab(exception.GetType().Name.Replace("Exception", "")), exception.Message, customLatencyMs: elapsedMs);
    }

    private static T? FindInner<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is T match) return match;
        return null;
    }

    internal static string Kebab(string pascal)
    {
        var text = new System.Text.StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
