using System.Collections.Concurrent;
using LoadLeak.IntegrationTests.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadLeak.IntegrationTests.Correlator.Go;

/// <summary>
/// An in-process Kestrel on 127.0.0.1 that serves fixed bodies by path: the broken diagnostics endpoints no real Go
/// service serves (a profile that is not gzip, an exposition with a malformed line) for the sources' failure tests.
/// </summary>
internal sealed class ScriptedEndpointServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private ScriptedEndpointServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    /// <summary>Serves each path's (media type, body); any other path is a 404.</summary>
    public static Task<ScriptedEndpointServer> StartAsync(IReadOnlyDictionary<string, (string MediaType, byte[] Body)> routes) =>
        StartOnAsync(FreePort.Next(), routes);

    public static async Task<ScriptedEndpointServer> StartOnAsync(int port, IReadOnlyDictionary<string, (string MediaType, byte[] Body)> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new ScriptedEndpointServer(app, port);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            server._hits.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (!routes.TryGetValue(path, out var route))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = route.MediaType;
            await context.Response.Body.WriteAsync(route.Body);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
