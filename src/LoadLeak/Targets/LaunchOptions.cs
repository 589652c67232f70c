namespace LoadLeak.Targets;

/// <summary>How a target is launched: its working folder, the cap of target.log, and who hears of a log that floods.</summary>
internal sealed record LaunchOptions(string WorkingDirectory, long LogMaxBytes)
{
    public const long DefaultLogMaxBytes = 20L * 1024 * 1024;
    public const double FastLogBytesPerSecond = 1024 * 1024;

    /// <summary>Called once with the rate when the target writes more than <see cref="FastLogBytesPerSecond"/>.</summary>
    public Action<double>? OnFastLog { get; init; }
}
