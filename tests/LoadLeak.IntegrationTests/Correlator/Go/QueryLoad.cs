using System.Net.Http.Headers;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>A bounded number of the request template's POSTs, a few at a time; every answer must be 200.</summary>
internal static class QueryLoad
{
    private const string Body = """{"op":"query","payload":"a1b2c3"}""";

    /// <summary>Sends the requests on connections of its own and closes them at the end, so the server's connection goroutines go too.</summary>
    public static async Task RunAsync(Uri queryUrl, int requests, int concurrency = 8, CancellationToken ct = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = concurrency })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var next = 0;
        async Task Worker()
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                using var content = new StringContent(Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, queryUrl) { Content = content };
                request.Headers.Add("X-Benchmark-ID", "it-go");
                using var response = await http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    var answer = await response.Content.ReadAsStringAsync(ct);
                    throw new InvalidOperationException($"{queryUrl} answered {(int)response.StatusCode}: {answer}");
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, ct)));
    }
}
