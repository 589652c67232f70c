using Spectre.Console.Cli;

namespace LoadLeak.Cli;

/// <summary>
/// Just enough dependency injection for the commands' constructors (console, interruption),
/// so a test can hand a command a recording console. Spectre also asks it for IEnumerable&lt;T&gt;.
/// </summary>
internal sealed class SimpleTypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = [];

    public void Register(Type service, Type implementation) => Add(service, () => Create(implementation));
    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);
    public void RegisterLazy(Type service, Func<object> factory) => Add(service, factory);
    public ITypeResolver Build() => new Resolver(this);

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list)) _factories[service] = list = [];
        list.Add(factory);
    }

    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p => Resolve(p.ParameterType)
            ?? throw new InvalidOperationException($"cannot resolve {p.ParameterType} for {type}")).ToArray();
        return constructor.Invoke(args);
    }

    private object? Resolve(Type? type)
    {
        if (type is null) return null;
        if (_factories.TryGetValue(type, out var factories)) return factories[^1]();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var element = type.GetGenericArguments()[0];
            var all = _factories.TryGetValue(element, out var list) ? list.Select(f => f()).ToArray() : [];
            var array = Array.CreateInstance(element, all.Length);
            for (var i = 0; i < all.Length; i++) array.SetValue(all[i], i);
            return array;
        }
        return type is { IsAbstract: false, IsInterface: false } ? Create(type) : null;
    }

    private sealed class Resolver(SimpleTypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
