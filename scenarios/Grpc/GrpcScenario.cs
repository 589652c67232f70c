using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using LoadLeak.Engine.Scenarios;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Grpc;

/// <summary>
/// Calls Benchmark.Query (unary) or Benchmark.QueryStream (server streaming) over one shared channel.
/// The gRPC status name is the response status: OK is Ok, anything else (DeadlineExceeded, Unavailable, …) fails.
/// </summary>
public sealed class GrpcScenario
{
    private readonly GrpcSettings _settings;
    private readonly QueryRequest _request;
    private readonly Metadata _headers;
    private GrpcChannel? _channel;
    private Benchmark.BenchmarkClient? _client;

    public GrpcScenario(GrpcSettings settings)
    {
        _settings = settings;
        _request = new QueryRequest { Op = settings.Template.Op, Payload = settings.Template.Payload, StreamMessages = settings.StreamMessages };
        _headers = new Metadata { { RequestTemplate.GrpcMetadataKey, settings.Template.BenchmarkId } };
    }

    public GrpcSettings Settings => _settings;

    public ScenarioProps ToProps(string name) => Scenario.Create(name, RunAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = _ => { Stop(); return Task.CompletedTask; },
    };

    public void Start()
    {
        var handler = new SocketsHttpHandler
        {
            // One HTTP/2 connection caps at the server's stream limit (100 by default); allow more under load.
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = _settings.MaxConnections,
            // Not the deadline: a connect cut short by a tiny deadline would surface as Unavailable, not DeadlineExceeded.
            ConnectTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        };
        _channel = GrpcChannel.ForAddress(_settings.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        _client = new Benchmark.BenchmarkClient(_channel);
    }

    public void Stop()
    {
        _channel?.Dispose();
        _channel = null;
        _client = null;
    }

    public async Task<Response> RunAsync(IScenarioContext context)
    {
        var client = _client ?? throw new InvalidOperationException("gRPC scenario used before Init");
        var watch = Stopwatch.StartNew();
        var options = new CallOptions(_headers, DateTime.UtcNow.Add(_settings.Deadline), context.CancellationToken);
        try
        {
            var received = _settings.Call == GrpcCall.Unary
                ? await UnaryAsync(client, options)
                : await StreamAsync(client, options);
            return Response.Ok(nameof(StatusCode.OK), _request.CalculateSize() + received);
        }
        catch (RpcException rpc)
        {
            var message = rpc.Status.Detail.Length > 0 ? rpc.Status.Detail : rpc.Message;
            return Response.Fail(rpc.StatusCode.ToString(), message, _request.CalculateSize(), watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception exception)
        {
            // Channel-level failures that were not mapped to a status (e.g. disposed during shutdown).
            var status = context.CancellationToken.IsCancellationRequested ? "cancelled" : exception.GetType().Name;
            return Response.Fail(status, exception.Message, customLatencyMs: watch.Elapsed.TotalMilliseconds);
        }
    }

    private async Task<long> UnaryAsync(Benchmark.BenchmarkClient client, CallOptions options)
    {
        var reply = await client.QueryAsync(_request, options);
        return reply.CalculateSize();
    }

    private async Task<long> StreamAsync(Benchmark.BenchmarkClient client, CallOptions options)
    {
        using var call = client.QueryStream(_request, options);
        long size = 0;
        await foreach (var reply in call.ResponseStream.ReadAllAsync(options.CancellationToken))
            size += reply.CalculateSize();
        return size;
    }
}
