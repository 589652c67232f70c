using LoadLeak.Cli;
using LoadLeak.Results;
using NATS.Client.Core;

namespace LoadLeak.Cluster.Nats;

/// <summary>
/// Opens the NATS connection every cluster role uses: quick detection of a dead server (1 s pings, 2 missed),
/// unlimited fast reconnects (the server may be restarted mid-run), and a clear exit-3 error when the first
/// connect fails. Losing the server and getting it back are reported through the two callbacks.
/// </summary>
internal static class ClusterConnection
{
    public static async Task<NatsConnection> OpenAsync(NatsEndpoint endpoint, string clientName,
        Action<string>? onDisconnected, Action? onReconnected, CancellationToken ct)
    {
        var opts = NatsOpts.Default with
        {
            Url = endpoint.Url,
            Name = clientName,
            AuthOpts = endpoint.CredsFile is { } creds ? NatsAuthOpts.Default with { CredsFile = creds } : NatsAuthOpts.Default,
            PingInterval = TimeSpan.FromSeconds(1),
            MaxPingOut = 2,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
            ReconnectJitter = TimeSpan.FromMilliseconds(50),
            MaxReconnectRetry = -1,
            RequestTimeout = TimeSpan.FromSeconds(2),
        };
        var connection = new NatsConnection(opts);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await connection.ConnectAsync().AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NatsException or OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new InfrastructureException($"cannot connect to NATS at {endpoint.Redacted}: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var reconnecting = false;
        connection.ConnectionDisconnected += (_, args) =>
        {
            reconnecting = true;
            onDisconnected?.Invoke(args.Message);
            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += (_, _) =>
        {
            if (reconnecting) onReconnected?.Invoke();
            reconnecting = false;
            return ValueTask.CompletedTask;
        };
        return connection;
    }
}
