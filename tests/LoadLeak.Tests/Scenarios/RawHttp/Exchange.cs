using LoadLeak.Scenarios.Http.Raw;

namespace LoadLeak.Tests.Scenarios.RawHttp;

/// <summary>One request/response exchange on a connection, awaited as the raw client's request does.</summary>
internal static class Exchange
{
    public static async Task<ExchangeOutcome> RunAsync(RawConnection connection, RawRequest request, CancellationToken token)
    {
        await connection.SendAsync(request, token);
        while (true)
        {
            await connection.WaitReceivableAsync(token);
            if (connection.Receive() is { } outcome) return outcome;
        }
    }
}
