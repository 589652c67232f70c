using System.Net.Sockets;
using LoadLeak.Cli;
using LoadLeak.Cluster.Nats;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

public sealed class NatsServerProcessTests
{
    [RequiresNatsServerFact]
    public async Task Starts_on_a_free_loopback_port_restarts_on_the_same_port_and_stops()
    {
        var nats = await NatsServerProcess.StartAsync(CancellationToken.None);
        int? pid;
        try
        {
            Assert.StartsWith("nats://127.0.0.1:", nats.Url, StringComparison.Ordinal);
            Assert.True(await Accepts(nats.Port));
            var first = nats.Pid;

            await nats.RestartAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

            Assert.NotEqual(first, nats.Pid);
            Assert.True(await Accepts(nats.Port));
            pid = nats.Pid;
        }
        finally
        {
            await nats.DisposeAsync();
        }
        Assert.False(await Accepts(nats.Port));
        Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/comm").StartsWith("nats-server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_nats_server_is_a_clear_infrastructure_error()
    {
        var error = await Assert.ThrowsAsync<InfrastructureException>(
            () => NatsServerProcess.StartAsync(CancellationToken.None, "/nonexistent/nats-server"));
        Assert.Contains("nats-server is not on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install nats-server", error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
