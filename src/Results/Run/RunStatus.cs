using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>How a run ended; the exit code follows from it.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    Complete,
    Partial,
    Interrupted,
    TargetDied,
    Failed,
    /// <summary>The memory guard stopped the load to save the machine's memory (a timeline event says why).</summary>
    Guarded,
}
