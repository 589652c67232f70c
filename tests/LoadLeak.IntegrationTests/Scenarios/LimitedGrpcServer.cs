using System.Buffers.Binary;
using Google.Protobuf;
using LoadLeak.Protos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>
/// An in-process h2c Kestrel answering Benchmark/Query by hand (the gRPC framing, a reply, grpc-status 0 as a
/// trailer) under HTTP/2 limits the bundled target does not have: few streams per connection, a short keep-alive
/// (Kestrel closes an idle connection with GOAWAY). It records the most calls it ever had in progress at once.
/// </summary>
internal sealed class LimitedGrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inProgress;
    private int _mostInProgress;
    private int _served;
    private int _closedConnections;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _connections = new();

    private LimitedGrpcServer(WebApplication app) => _app = app;

    public int Port { get; private set; }
    public int MostInProgress => Volatile.Read(ref _mostInProgress);
    public int Served => Volatile.Read(ref _served);

    /// <summary>How many HTTP/2 connections the calls came on.</summary>
    public int Connections => _connections.Count;

    /// <summary>How many connections Kestrel has closed (after its GOAWAY on an idle one, or at shutdown).</summary>
    public int ClosedConnections => Volatile.Read(ref _closedConnections);

    public static async Task<LimitedGrpcServer> StartAsync(int maxStreamsPerConnection, TimeSpan keepAlive, TimeSpan replyDelay)
    {
        var port = FreePort.Next();
        LimitedGrpcServer? server = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => async connection =>
                {
                    try { await next(connection); }
                    finally { Interlocked.Increment(ref server!._closedConnections); }
                });
            });
            kestrel.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection;
            kestrel.Limits.KeepAliveTimeout = keepAlive;
        });
        var app = builder.Build();
        server = new LimitedGrpcServer(app) { Port = port };
        app.MapPost("/loadleak.benchmark.Benchmark/Query", context => server.QueryAsync(context, replyDelay));
        await app.StartAsync();
        return server;
    }

    private async Task QueryAsync(HttpContext context, TimeSpan replyDelay)
    {
        _connections.TryAdd(context.Connection.Id, true);
        var now = Interlocked.Increment(ref _inProgress);
        for (var most = MostInProgress; now > most && Interlocked.CompareExchange(ref _mostInProgress, now, most) != most; most = MostInProgress) { }
        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var request = QueryRequest.Parser.ParseFrom(body.ToArray().AsSpan(5));
            await Task.Delay(replyDelay, context.RequestAborted);
            var reply = new QueryReply { Op = request.Op, Payload = "limited", BenchmarkId = context.Request.Headers["x-benchmark-id"].ToString() }.ToByteArray();
            var framed = new byte[5 + reply.Length];
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)reply.Length);
            reply.CopyTo(framed, 5);
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.Body.WriteAsync(framed);
            Interlocked.Increment(ref _served);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (reset the stream or closed the connection).
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
