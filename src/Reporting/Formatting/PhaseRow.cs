using LoadLeak.Results;

namespace LoadLeak.Reporting.Formatting;

/// <summary>
/// One phase of the run, however many scenarios ran it: the scenarios' phase records, each scenario's requests,
/// and the target's change over it (the same target, so the same figures whichever scenario's row it came from).
/// </summary>
internal sealed record PhaseRow(
    string Name,
    PhaseKind? Kind,
    double Start,
    double End,
    IReadOnlyList<PhaseRecord> Records,
    IReadOnlyDictionary<string, long> Requests,
    PhaseAttribution? Attribution);
