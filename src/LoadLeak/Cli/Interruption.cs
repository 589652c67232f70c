using System.Runtime.InteropServices;

namespace LoadLeak.Cli;

/// <summary>
/// Turns Ctrl-C and SIGTERM into a cancellation the run can react to: the load stops, the current
/// interval finishes and the reports are still written. A second Ctrl-C is left to the default
/// handler, so a stuck run can always be killed.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public Interruption()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cts.Token;

    public bool Requested => _cts.IsCancellationRequested;

    private void OnSignal(PosixSignalContext context)
    {
        if (_cts.IsCancellationRequested) return; // second signal: default behaviour, terminate
        context.Cancel = true;
        Console.Error.WriteLine($"{context.Signal} received: stopping the load and writing the reports (again to kill).");
        _cts.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }
}
