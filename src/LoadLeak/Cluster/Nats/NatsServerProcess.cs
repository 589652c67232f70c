using System.Globalization;
using System.Net.Sockets;
using System.Text;
using LoadLeak.Cli;
using LoadLeak.Results;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Nats;

/// <summary>
/// A private `nats-server -js` on a free loopback port with its own JetStream store folder, for
/// `--cluster-local` and the tests. It dies with LoadLeak (parent-death signal) and can be restarted on the
/// same port, which is how the NATS-restart fault is produced.
/// </summary>
internal sealed class NatsServerProcess : IAsyncDisposable
{
    public const string Program = "nats-server";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly string _storeDir;
    private readonly IReadOnlyList<string> _extraArgs;
    private LaunchedTarget? _process;
    private int _starts;

    private NatsServerProcess(string executable, string storeDir, int port, IReadOnlyList<string> extraArgs)
    {
        _executable = executable;
        _storeDir = storeDir;
        _extraArgs = extraArgs;
        Port = port;
    }

    public int Port { get; }

    public string Url => "nats://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    public int? Pid => _process?.Pid;

    public static string? FindExecutable() => ExecutablePath.Find(Program);

    /// <param name="extraArgs">More nats-server flags, e.g. --user/--pass or --auth for an authenticated server.</param>
    /// <exception cref="InfrastructureException">nats-server is not on PATH, or it did not start accepting in time.</exception>
    public static async Task<NatsServerProcess> StartAsync(CancellationToken ct, string program = Program, IReadOnlyList<string>? extraArgs = null)
    {
        var executable = ExecutablePath.Find(program) ?? throw new InfrastructureException(
            "nats-server is not on PATH: install it (Debian: apt-get install nats-server) or point --cluster-nats-url at a running server");
        var storeDir = Directory.CreateTempSubdirectory("loadleak-nats-").FullName;
        var server = new NatsServerProcess(executable, storeDir, FreePort.Next(), extraArgs ?? []);
        try
        {
            await server.LaunchAsync(ct).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the server (as a crash would) and starts it again on the same port and store.</summary>
    public async Task RestartAsync(TimeSpan down, CancellationToken ct)
    {
        await StopAsync().ConfigureAwait(false);
        if (down > TimeSpan.Zero) await Task.Delay(down, ct).ConfigureAwait(false);
        await LaunchAsync(ct).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        await process.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LaunchAsync(CancellationToken ct)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var log = Path.Combine(_storeDir, $"nats-server-{++_starts}.log");
        var process = LaunchedTarget.Start([_executable, "-a", "127.0.0.1", "-p", port, "-js", "-sd", _storeDir, .. _extraArgs], log);
        _process = process;
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
                throw new InfrastructureException($"nats-server exited at start (port {port}): {process.Tail}");
            if (await AcceptsAsync(ct).ConfigureAwait(false)) return;
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
        throw new InfrastructureException(
            $"nats-server did not accept connections on 127.0.0.1:{port} within {ReadyTimeout.TotalSeconds:0} s: {process.Tail}");
    }

    /// <summary>True once the server greets a client with its INFO line.</summary>
    private async Task<bool> AcceptsAsync(CancellationToken ct)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[4];
            var read = await client.GetStream().ReadAtLeastAsync(buffer, 4, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
            return read == 4 && Encoding.ASCII.GetString(buffer) == "INFO";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try { Directory.Delete(_storeDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
