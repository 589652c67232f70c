using LoadLeak.Cluster.Nats;
using LoadLeak.Results;
using LoadLeak.Sessions;
using LoadLeak.Targets;

namespace LoadLeak.Cluster.Local;

/// <summary>
/// `--cluster-local N --cluster-probe`'s probe: a `loadleak probe` child process on this machine that launches
/// (or attaches to) the run's target, so the probe's path is tried on one machine too. Its output goes to probe.log.
/// </summary>
internal static class LocalProbe
{
    public const string Id = "local-probe";

    public static LaunchedTarget Start(IReadOnlyList<string> self, NatsEndpoint endpoint, string clusterId, RunPlan plan)
    {
        List<string> command = [.. self, "probe", "--cluster-nats-url", endpoint.Url, "--cluster-id", clusterId, "--probe-id", Id,
            "--join-timeout", "2m", "--out", plan.OutDir,
            "--ready-timeout", ((int)Math.Ceiling(plan.ReadyTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        command.AddRange(plan.Target switch
        {
            TargetSpec.Attach attach => ["--target-pid", attach.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TargetSpec.Launch launch => ["--target-cmd", launch.CommandTemplate],
            _ => [],
        });
        if (plan.ReadyUrl is { } url) command.AddRange(["--target-url", url]);
        Directory.CreateDirectory(plan.OutDir);
        return LaunchedTarget.Start(command, Path.Combine(plan.OutDir, "probe.log"));
    }
}
