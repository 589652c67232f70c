using LoadLeak.Results;

namespace LoadLeak.Scenarios.Settings;

/// <summary>
/// Which client a scenario sends with, as its CustomSettings value (<c>raw</c>, <c>httpclient</c>, <c>lean</c>,
/// <c>grpc-net</c>, <c>native</c>, <c>confluent</c>), how it was picked and why, e.g. <c>raw (auto: plain http,
/// HTTP/1.1, headers it can send)</c> or <c>httpclient (auto: https Url)</c>. The run prints it once per scenario.
/// </summary>
public sealed record ClientChoice(string Client, ClientSelection Selection, string Reason)
{
    /// <summary>The config named the client under <paramref name="key"/>.</summary>
    public static ClientChoice Configured(string client, string key) =>
        new(client, ClientSelection.Configured, $"{key} '{client}' set in CustomSettings");

    public static ClientChoice Auto(string client, string reason) => new(client, ClientSelection.Auto, reason);

    public override string ToString() =>
        Selection == ClientSelection.Auto ? $"{Client} (auto: {Reason})" : $"{Client} ({Reason})";
}
