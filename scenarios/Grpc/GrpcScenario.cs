using System.Diagnostics;
using System.Runtime.CompilerServices;
using Grpc.Core;
using LoadLeak.Engine.Api;
using LoadLeak.Protos;
using LoadLeak.Scenarios.Grpc.Lean;
using LoadLeak.Scenarios.Timing;

namespace LoadLeak.Scenarios.Grpc;

/// <summary>
/// Calls Benchmark.Query (unary) or Benchmark.QueryStream (server streaming), round-robin over MaxConnections
/// connections, with Grpc.Net.Client (<see cref="GrpcNetCaller"/>, the default) or the lean h2c client
/// (<see cref="LeanGrpcCaller"/>, CustomSettings Client "lean").
/// The gRPC status name is the response status: OK is Ok, anything else (DeadlineExceeded, Unavailable, …) fails.
/// The deadline travels as a constant <c>grpc-timeout</c> header (<see cref="DeadlineHeaderHandler"/>), so the
/// server enforces it exactly, and the client enforces it with a <see cref="SharedTimeout"/> token instead of
/// Grpc.Net.Client's timer per call (a timer per call is a visible share of the client's CPU; figures in bench/README):
/// a call the client gives up on is DeadlineExceeded.
/// </summary>
public sealed class GrpcScenario
{
    private readonly GrpcSettings _settings;
    private readonly QueryRequest _request;
    private readonly int _requestSize;
    // Responses are immutable and a unary reply's size hardly ever changes: reuse the last OK response.
    private Response? _lastOk;
    private IGrpcCaller? _caller;
    private SharedTimeout? _deadline;

    public GrpcScenario(GrpcSettings settings)
    {
        _settings = settings;
        // StreamMessages only means something to QueryStream; unary calls send just the template.
        _request = new QueryRequest
        {
            Op = settings.Template.Op,
            Payload = settings.Template.Payload,
            StreamMessages = settings.Call == GrpcCall.Stream ? settings.StreamMessages : 0,
        };
        _requestSize = _request.CalculateSize();
    }

    public GrpcSettings Settings => _settings;

    public ScenarioProps ToProps(string name) => Scenario.CreateValue(name, RunAsync) with
    {
        Init = _ => { Start(); return Task.CompletedTask; },
        Clean = _ => { Stop(); return Task.CompletedTask; },
    };

    public void Start()
    {
        _caller = _settings.Client == GrpcClientKind.Lean
            ? new LeanGrpcCaller(_settings, _request)
            : new GrpcNetCaller(_settings, _request);
        _deadline = new SharedTimeout(_settings.Deadline);
    }

    public void Stop()
    {
        _caller?.Dispose();
        _caller = null;
        _deadline?.Dispose();
        _deadline = null;
    }

    // Pooled: the lean client completes calls from pooled state, so the iteration allocates no state machine either.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<Response> RunAsync(IScenarioContext context)
    {
        var (caller, deadline) = (_caller, _deadline);
        if (caller is null || deadline is null) throw new InvalidOperationException("gRPC scenario used before Init");
        var started = Stopwatch.GetTimestamp();
        var token = deadline.For(started, context.CancellationToken);
        try
        {
            var received = await caller.CallAsync(token);
            return OkResponse(_requestSize + received);
        }
        catch (Exception failure) when (!context.CancellationToken.IsCancellationRequested && IsPastDeadline(failure, started, token))
        {
            return Response.Fail(nameof(StatusCode.DeadlineExceeded), $"no reply within the {_settings.Deadline.TotalMilliseconds:0} ms deadline",
                _requestSize, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (RpcException rpc)
        {
            var message = rpc.Status.Detail.Length > 0 ? rpc.Status.Detail : rpc.Message;
            return Response.Fail(rpc.StatusCode.ToString(), message, _requestSize, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            // Channel-level failures that were not mapped to a status (e.g. disposed during shutdown).
            var status = context.CancellationToken.IsCancellationRequested ? "cancelled" : exception.GetType().Name;
            return Response.Fail(status, exception.Message, customLatencyMs: Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// A call that ended because its deadline passed, whichever side noticed first: the client's deadline token,
    /// or the server, whose deadline fires up to 1/16 of it earlier and resets the stream, which the client sees
    /// as Unavailable ("the request was aborted"). Grpc.Net.Client's own deadline timer reported both as
    /// DeadlineExceeded; so does this. A server that cancels a call before the deadline stays Cancelled.
    /// </summary>
    private bool IsPastDeadline(Exception failure, long started, CancellationToken token) => failure switch
    {
        OperationCanceledException => token.IsCancellationRequested,
        RpcException { StatusCode: not StatusCode.DeadlineExceeded } =>
            token.IsCancellationRequested || Stopwatch.GetElapsedTime(started) >= _settings.Deadline,
        _ => false,
    };

    private Response OkResponse(long size)
    {
        var last = _lastOk;
        if (last is not null && last.SizeBytes == size) return last;
        return _lastOk = Response.Ok(nameof(StatusCode.OK), size);
    }
}
