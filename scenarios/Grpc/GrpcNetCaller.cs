using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Sockets;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Grpc;

/// <summary>
/// Calls through Grpc.Net.Client: one channel per connection, each capped at one HTTP/2 connection, calls spread
/// round-robin: a single SocketsHttpHandler opens a second connection only when the first hits the server's
/// stream limit, so MaxConnections = 4 would otherwise mean one busy connection and three idle.
/// </summary>
internal sealed class GrpcNetCaller : IGrpcCaller
{
    private readonly GrpcSettings _settings;
    private readonly QueryRequest _request;
    private readonly Metadata _headers;
    private readonly GrpcChannel[] _channels;
    private readonly RoundRobin<Benchmark.BenchmarkClient> _clients;

    public GrpcNetCaller(GrpcSettings settings, QueryRequest request)
    {
        _settings = settings;
        _request = request;
        _headers = new Metadata { { RequestTemplate.GrpcMetadataKey, settings.Template.BenchmarkId } };
        _channels = Enumerable.Range(0, settings.MaxConnections).Select(_ => CreateChannel()).ToArray();
        _clients = new(_channels.Select(channel => new Benchmark.BenchmarkClient(channel)).ToArray());
    }

    private GrpcChannel CreateChannel()
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            MaxConnectionsPerServer = 1,
            // Not the deadline: a connect cut short by a tiny deadline would surface as Unavailable, not DeadlineExceeded.
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            // gRPC never redirects; without it the handler skips a redirect layer (an async frame) per call.
            AllowAutoRedirect = false,
        };
        if (_settings.InlineCompletions) handler.ConnectCallback = InlineCompletionConnector.ConnectAsync;
        return GrpcChannel.ForAddress(_settings.Address, new GrpcChannelOptions
        {
            HttpHandler = new DeadlineHeaderHandler(_settings.Deadline, handler),
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
    }

    // Pooled: the per-call state machine box is reused instead of allocated.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<long> CallAsync(CancellationToken token)
    {
        var client = _clients.Next();
        var options = new CallOptions(_headers, cancellationToken: token);
        if (_settings.Call == GrpcCall.Unary) return (await client.QueryAsync(_request, options)).CalculateSize();
        using var call = client.QueryStream(_request, options);
        long size = 0;
        await foreach (var reply in call.ResponseStream.ReadAllAsync(token))
            size += reply.CalculateSize();
        return size;
    }

    public void Dispose()
    {
        foreach (var channel in _channels) channel.Dispose();
    }
}
