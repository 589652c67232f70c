using LoadLeak.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>An in-process HTTP target on loopback that counts the requests it answered: the ground truth for merged counts.</summary>
internal sealed class CountingHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _served;

    private CountingHttpServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public long Served => Interlocked.Read(ref _served);

    public static async Task<CountingHttpServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new CountingHttpServer(app, port);
        app.Run(async context =>
        {
            Interlocked.Increment(ref server._served);
            await context.Response.WriteAsync("{\"ok\":true}");
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
