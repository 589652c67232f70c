using LoadLeak.Cli;
using LoadLeak.Targets;

namespace LoadLeak.Sessions;

/// <summary>Launches or attaches to the target and waits until it is ready.</summary>
internal static class TargetStarter
{
    public static async Task<ITarget> StartAsync(RunPlan plan, Placeholders placeholders, IUserConsole console, CancellationToken ct)
    {
        ITarget target = plan.Target switch
        {
            TargetSpec.Attach attach => AttachedTarget.Attach(attach.Pid),
            TargetSpec.Launch launch => LaunchedTarget.Start(
                CommandLineSplitter.Split(placeholders.Fill(launch.CommandTemplate), "--target-cmd"),
                Path.Combine(plan.OutDir, "target.log")),
            TargetSpec.Remote remote => new RemoteTarget(remote.Description),
            _ => throw new InvalidOperationException("unknown target kind"),
        };
        console.Info(target is RemoteTarget ? $"target: {target.Description}" : $"target: {target.Description} (pid {target.Pid})");
        if (plan.ReadyUrl is null) return target;

        var url = placeholders.Fill(plan.ReadyUrl);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await target.DisposeAsync();
            throw new Engine.ConfigException($"--target-url: not an absolute URL after filling placeholders: '{url}'");
        }
        try
        {
            var seconds = await ReadinessProbe.WaitAsync(uri, target, plan.ReadyTimeout, ct);
            if (target is LaunchedTarget launched) launched.StartupSeconds = seconds;
            console.Info($"target ready after {seconds:0.00} s: {uri}");
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }
}
