namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>In-use heap of one full allocation stack (leaf first).</summary>
public sealed record HeapStack(IReadOnlyList<GoFrame> Stack, long InuseBytes, long InuseObjects)
{
    public string Key => string.Join('\n', Stack.Select(f => f.ToString()));
}
