using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>What the leak analysis found: per-phase attribution, bytes per request, and the verdict with its evidence.</summary>
public sealed record AnalysisResult(
    IReadOnlyList<PhaseAttribution> Attribution,
    IReadOnlyList<RequestRegression> BytesPerRequest,
    LeakReport Leak);
