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
            TargetSpec.Launch launch => Launch(launch, plan, placeholders, console),
            TargetSpec.Remote remote => new RemoteTarget(remote.Description),
            _ => throw new InvalidOperationException("unknown target kind"),
        };
        if (target is LaunchedTarget { WorkingDirectory: var folder }) console.Info($"target folder: {folder}");
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

    private static LaunchedTarget Launch(TargetSpec.Launch launch, RunPlan plan, Placeholders placeholders, IUserConsole console)
    {
        var words = CommandLineSplitter.Split(placeholders.Fill(launch.CommandTemplate), "--target-cmd");
        var (command, folder) = TargetFolder.Resolve(words, launch.WorkingDirectory);
        var log = Path.Combine(plan.OutDir, "target.log");
        var options = new LaunchOptions(folder, plan.Options.TargetLogMaxBytes)
        {
            OnFastLog = rate => console.Warn(LaunchedTarget.FastLogMessage(rate, log)),
        };
        return LaunchedTarget.Start(command, log, options);
    }
}
