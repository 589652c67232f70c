namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>A decoded pprof profile with every sample's stack resolved to functions, files and lines.</summary>
internal sealed record PprofProfile(IReadOnlyList<PprofValueType> SampleTypes, IReadOnlyList<PprofSample> Samples)
{
    /// <summary>The column of a sample type (<c>inuse_space</c>), or -1.</summary>
    public int IndexOf(string type)
    {
        for (var i = 0; i < SampleTypes.Count; i++)
            if (SampleTypes[i].Type == type) return i;
        return -1;
    }
}
