using LoadLeak.Cluster.Nats;
using LoadLeak.IntegrationTests.Scenarios;
using LoadLeak.Results;

namespace LoadLeak.IntegrationTests.LoadLeak.Cluster;

/// <summary>A fact that needs Debian's nats-server: skipped without it locally, runs (and fails clearly) when CI=true.</summary>
public sealed class RequiresNatsServerFactAttribute : FactAttribute
{
    public RequiresNatsServerFactAttribute()
    {
        if (NatsServerProcess.FindExecutable() is null && !ExternalTools.IsCi)
            Skip = "nats-server is not installed (apt-get install nats-server); required when CI=true";
    }
}
