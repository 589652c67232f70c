using LoadLeak.Cli;
using LoadLeak.Cluster.Nats;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>Credentials in the URL against a real nats-server that demands them; never echoed in errors.</summary>
public sealed class NatsAuthTests
{
    [RequiresNatsServerFact]
    public async Task User_and_password_in_the_url_connect_and_a_wrong_password_is_a_clear_redacted_error()
    {
        await using var nats = await NatsServerProcess.StartAsync(CancellationToken.None, extraArgs: ["--user", "loadleak", "--pass", "s3cret-pw"]);
        var good = new NatsEndpoint($"nats://loadleak:s3cret-pw@127.0.0.1:{nats.Port}");
        await using (var connection = await ClusterConnection.OpenAsync(good, "auth-test", null, null, CancellationToken.None))
            Assert.Equal(NATS.Client.Core.NatsConnectionState.Open, connection.ConnectionState);

        var bad = new NatsEndpoint($"nats://loadleak:wrong-pw@127.0.0.1:{nats.Port}");
        var error = await Assert.ThrowsAsync<InfrastructureException>(() => ClusterConnection.OpenAsync(bad, "auth-test", null, null, CancellationToken.None));
        Assert.Contains($"nats://***@127.0.0.1:{nats.Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pw", error.Message, StringComparison.Ordinal);
    }

    [RequiresNatsServerFact]
    public async Task A_token_in_the_url_connects()
    {
        await using var nats = await NatsServerProcess.StartAsync(CancellationToken.None, extraArgs: ["--auth", "t0ken-abc"]);
        await using var connection = await ClusterConnection.OpenAsync(new NatsEndpoint($"nats://t0ken-abc@127.0.0.1:{nats.Port}"), "auth-test",
            null, null, CancellationToken.None);
        Assert.Equal(NATS.Client.Core.NatsConnectionState.Open, connection.ConnectionState);
    }
}
