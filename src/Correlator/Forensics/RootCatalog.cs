using Microsoft.Diagnostics.Runtime;

namespace LoadLeak.Correlator.Forensics;

/// <summary>
/// The GC roots of a dump, each with a name a reader recognizes. On .NET 9+ statics are not
/// reported as such: they sit in a pinned object[] held by one strong handle. So every object
/// a static field points to is seeded first, named "static Type.Field", and the handle and
/// stack roots follow; a walk from these seeds then credits an object to its static field.
/// </summary>
internal sealed class RootCatalog
{
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _labelIndex = new(StringComparer.Ordinal);

    public List<RootSeed> Seeds { get; } = [];

    public int StaticFieldCount { get; private set; }

    public string Label(int index) => _labels[index];

    public static RootCatalog Build(ClrRuntime runtime)
    {
        var catalog = new RootCatalog();
        catalog.AddStatics(runtime);
        foreach (var root in runtime.Heap.EnumerateRoots())
        {
            if (root.Object.IsNull || !root.Object.IsValid) continue;
            catalog.Seeds.Add(new RootSeed(root.Object, catalog.Intern(Describe(root))));
        }
        return catalog;
    }

    private void AddStatics(ClrRuntime runtime)
    {
        var domains = runtime.AppDomains;
        foreach (var module in runtime.EnumerateModules())
        {
            foreach (var type in SafeTypesWithStatics(module))
            {
                foreach (var field in type.StaticFields)
                {
                    if (!field.IsObjectReference) continue;
                    foreach (var domain in domains)
                    {
                        var value = ReadStatic(field, domain);
                        if (value.IsNull || !value.IsValid) continue;
                        Seeds.Add(new RootSeed(value, Intern($"static {type.Name}.{FieldNames.Readable(field.Name)}")));
                        StaticFieldCount++;
                    }
                }
            }
        }
    }

    private static IEnumerable<ClrType> SafeTypesWithStatics(ClrModule module)
    {
        try
        {
            return module.EnumerateTypesWithStaticFields().ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            return [];
        }
    }

    private static ClrObject ReadStatic(ClrStaticField field, ClrAppDomain domain)
    {
        try
        {
            return field.IsInitialized(domain) ? field.ReadObject(domain) : default;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
        {
            return default;
        }
    }

    private static string Describe(ClrRoot root) => root switch
    {
        ClrStackRoot stack => "stack of thread " +
            $"{stack.StackFrame?.Thread?.ManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}",
        ClrHandle handle => $"{handle.HandleKind} handle",
        _ => root.RootKind switch
        {
            ClrRootKind.FinalizerQueue => "finalizer queue",
            ClrRootKind.StaticVar => "statics array",
            ClrRootKind.ThreadStaticVar => "thread-static",
            var kind => kind.ToString(),
        },
    };

    private int Intern(string label)
    {
        if (_labelIndex.TryGetValue(label, out var index)) return index;
        _labels.Add(label);
        _labelIndex[label] = _labels.Count - 1;
        return _labels.Count - 1;
    }
}

internal readonly record struct RootSeed(ClrObject Object, int LabelIndex);
