using LoadLeak.Cli;

namespace LoadLeak.Sessions;

/// <summary>A sampler whose target is snapshotted elsewhere (a cluster probe on the target's host); null: snapshot it here.</summary>
internal interface ISnapshotSource
{
    ISnapshotProbe? SnapshotProbe(IUserConsole console, CancellationToken load);
}
