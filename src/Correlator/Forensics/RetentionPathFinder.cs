using System.Globalization;
using System.Runtime.CompilerServices;
using LoadLeak.Results;
using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// Retention paths for sampled instances of the suspect types, read off the walk's
/// first-reached links (so each is a shortest path from a root), rendered as type names with
/// the field followed at each hop, and grouped by identical shape, shortest first.
/// </summary>
internal sealed class RetentionPathFinder(ClrHeap heap, RootCatalog roots, ReachabilityWalk walk)
{
    private const int MaxRenderedHops = 40;
    private readonly Dictionary<(ulong Array, ulong Element), string?> _arrayFieldCache = new();
    private readonly ArrayReferences _arrays = new(heap);

    /// <summary>Paths of the sampled instances (walk ids) of <paramref name="typeName"/>.</summary>
    public IReadOnlyList<RetentionPath> Find(string typeName, IReadOnlyList<int> samples)
    {
        var shapes = new Dictionary<string, (string Root, List<string> Path, int Count)>(StringComparer.Ordinal);
        foreach (var id in samples)
        {
            if (walk.ChainTo(id) is not { } found) continue;
            var root = roots.Label(found.RootLabel);
            var path = Render(root, found.Chain);
            var key = string.Join('\n', path);
            shapes[key] = shapes.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : (root, path, 1);
        }
        return shapes.Values
            .OrderBy(s => s.Path.Count).ThenByDescending(s => s.Count)
            .Select(s => new RetentionPath(typeName, s.Root, s.Path, s.Count) { Sampled = samples.Count })
            .ToList();
    }

    private List<string> Render(string root, IReadOnlyList<ulong> chain)
    {
        var hops = new List<string> { root };
        for (var i = 0; i < chain.Count; i++)
        {
            var obj = heap.GetObject(chain[i]);
            var name = TypeNames.Of(obj.Type);
            var via = i + 1 < chain.Count ? FieldTo(obj, chain[i + 1]) : null;
            hops.Add(via is null ? name : $"{name} ({via})");
        }
        return Abbreviate(CollapseRepeats(hops));
    }

    private string? FieldTo(ClrObject from, ulong to)
    {
        if (from.Type is not { } type) return null;
        if (!type.IsArray) return FindField(from, to);
        if (type.ComponentType is not { IsValueType: true } element || _arrays.LayoutOf(type) is not { } layout) return null;
        // An array of structs can hold millions of references: search it once per
        // (array type, element type) pair, not once per sampled instance.
        var child = heap.GetObjectType(to);
        var key = (type.MethodTable, child?.MethodTable ?? 0);
        if (!_arrayFieldCache.TryGetValue(key, out var label))
        {
            var at = new StrongBox<long>(-1);
            _arrays.ForEach(from.Address, layout, (To: to, At: at), static (s, reference, offset) =>
            {
                if (reference != s.To) return true;
                s.At.Value = offset;
                return false;
            });
            label = at.Value < 0 ? null : ElementField(element, (int)(at.Value % layout.ElementSize), "[]");
            _arrayFieldCache[key] = label;
        }
        return label;
    }

    private static string? FindField(ClrObject from, ulong to)
    {
        foreach (var reference in from.EnumerateReferencesWithFields(carefully: false, considerDependantHandles: true))
        {
            if (reference.Object.Address != to) continue;
            if (reference.IsDependentHandle) return "dependent handle";
            return FieldNames.Readable(reference.Field?.Name);
        }
        return null;
    }

    /// <summary>"[].value" for a reference inside a struct element (Dictionary entries), found by its
    /// offset within the element; nested structs add their field ("[].key.name").</summary>
    private static string? ElementField(ClrType valueType, int offset, string prefix)
    {
        foreach (var field in valueType.Fields)
        {
            if (field.IsObjectReference && field.Offset == offset) return prefix + "." + FieldNames.Readable(field.Name);
            if (field.IsValueType && field.Type is { } inner && offset >= field.Offset && offset < field.Offset + field.Size)
                return ElementField(inner, offset - field.Offset, prefix + "." + FieldNames.Readable(field.Name));
        }
        return null;
    }

    /// <summary>Linked lists and trees repeat one hop many times: "Node (next) ×998" keeps paths comparable.</summary>
    private static List<string> CollapseRepeats(List<string> hops)
    {
        var collapsed = new List<string>();
        for (var i = 0; i < hops.Count;)
        {
            var run = 1;
            while (i + run < hops.Count && hops[i + run] == hops[i]) run++;
            collapsed.Add(run == 1 ? hops[i] : $"{hops[i]} ×{run.ToString(CultureInfo.InvariantCulture)}");
            i += run;
        }
        return collapsed;
    }

    private static List<string> Abbreviate(List<string> hops)
    {
        if (hops.Count <= MaxRenderedHops) return hops;
        var keep = MaxRenderedHops / 2;
        var omitted = hops.Count - 2 * keep;
        return [.. hops.Take(keep), $"… {omitted.ToString(CultureInfo.InvariantCulture)} hops …", .. hops.Skip(hops.Count - keep)];
    }
}
