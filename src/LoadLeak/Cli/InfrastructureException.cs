namespace LoadLeak.Cli;

/// <summary>The target, the broker or another part of the run's infrastructure failed (exit code 3).</summary>
internal sealed class InfrastructureException(string message, Exception? inner = null) : Exception(message, inner);
