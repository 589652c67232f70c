using LoadLeak.Correlator.Sampling.Endpoints;
namespace LoadLeak.Correlator.Sampling.Go;

/// <summary>Folds a heap profile's samples into in-use bytes by allocating function and by stack.</summary>
internal static class HeapProfileSummarizer
{
    public const int DefaultTopStacks = 25;

    public static HeapProfileSummary Summarize(PprofProfile profile, int topStacks = DefaultTopStacks)
    {
        var bytesAt = profile.IndexOf("inuse_space");
        var objectsAt = profile.IndexOf("inuse_objects");
        if (bytesAt < 0)
            throw new EndpointContentException(
                $"not a heap profile: no inuse_space among its sample types ({string.Join(", ", profile.SampleTypes.Select(t => t.Type))})");
        var allocAt = profile.IndexOf("alloc_space");
        var classifier = GoCodeClassifier.From(profile.Samples.SelectMany(s => s.Stack));

        var sites = new Dictionary<string, SiteTotals>(StringComparer.Ordinal);
        var stacks = new Dictionary<string, HeapStack>(StringComparer.Ordinal);
        long bytes = 0, objects = 0, alloc = 0;
        foreach (var sample in profile.Samples)
        {
            long b = Value(sample, bytesAt), o = Value(sample, objectsAt);
            alloc += Value(sample, allocAt);
            if (b == 0 && o == 0) continue;
            bytes += b;
            objects += o;
            if (classifier.Blame(sample.Stack) is { } frame)
            {
                if (!sites.TryGetValue(frame.Function, out var site)) sites[frame.Function] = site = new SiteTotals();
                site.Add(frame, b, o);
            }
            var stack = new HeapStack(sample.Stack, b, o);
            stacks[stack.Key] = stacks.TryGetValue(stack.Key, out var known)
                ? known with { InuseBytes = known.InuseBytes + b, InuseObjects = known.InuseObjects + o }
                : stack;
        }

        return new HeapProfileSummary(
            bytes,
            objects,
            sites.Values.Select(s => s.ToSite()).OrderByDescending(s => s.InuseBytes).ThenBy(s => s.Frame.Function, StringComparer.Ordinal).ToList(),
            stacks.Values.OrderByDescending(s => s.InuseBytes).ThenBy(s => s.Key, StringComparer.Ordinal).Take(topStacks).ToList())
        {
            AllocBytes = allocAt >= 0 ? alloc : null,
        };
    }

    private static long Value(PprofSample sample, int index) => index >= 0 && index < sample.Values.Count ? sample.Values[index] : 0;

    private sealed class SiteTotals
    {
        private readonly Dictionary<GoFrame, long> _byLine = [];
        private long _bytes, _objects;

        public void Add(GoFrame frame, long bytes, long objects)
        {
            _bytes += bytes;
            _objects += objects;
            _byLine[frame] = _byLine.GetValueOrDefault(frame) + bytes;
        }

        public HeapSite ToSite() =>
            new(_byLine.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Line).First().Key, _bytes, _objects);
    }
}
