namespace LoadLeak.Results;

/// <summary>The resources the leak analysis follows, in the order it reports them.</summary>
public static class LeakResources
{
    public static IReadOnlyList<LeakResource> All { get; } = Enum.GetValues<LeakResource>();

    /// <summary>Heap and RSS are bytes; the others are counts.</summary>
    public static bool IsMemory(this LeakResource resource) => resource is LeakResource.Heap or LeakResource.Rss;
}
