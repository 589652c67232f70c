namespace LoadLeak.Sessions;

/// <summary>When to force a full GC in the target and record the retained heap (config: LoadLeak.RetainedGc).</summary>
internal enum RetainedGcMode
{
    /// <summary>At every phase boundary and after the load ("boundaries").</summary>
    Boundaries,
    /// <summary>Only after the load has ended ("end").</summary>
    End,
    /// <summary>Never ("none").</summary>
    None,
}
