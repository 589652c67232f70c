namespace LoadLeak.Correlator.Forensics;

/// <summary>Which types deserve retention paths: the largest byte growers since the baseline, plus any the user named.</summary>
internal static class PathCandidates
{
    public static IReadOnlyList<string> Choose(
        IReadOnlyDictionary<string, TypeStat> current,
        IReadOnlyDictionary<string, TypeStat>? baseline,
        HeapSnapshotOptions options)
    {
        var chosen = new List<string>(options.PathTypes.Where(current.ContainsKey));
        if (baseline is null) return chosen;
        var growers = current
            .Select(t => (Type: t.Key, Growth: t.Value.Bytes - baseline.GetValueOrDefault(t.Key).Bytes))
            // By bytes alone: a regrown array is one object however much it grew.
            .Where(g => g.Growth > 0)
            .OrderByDescending(g => g.Growth)
            .Take(options.PathCandidates)
            .Select(g => g.Type);
        foreach (var type in growers)
        {
            if (!chosen.Contains(type)) chosen.Add(type);
        }
        return chosen;
    }
}
