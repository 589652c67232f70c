using Spectre.Console.Cli;

namespace LoadLeak.Runner.Cli;

/// <summary>
/// Just enough dependency injection for the commands' constructors (console, interruption),
/// so a test can hand a command a recording console.
/// </summary>
public sealed class SimpleTypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);
    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;
    public void RegisterLazy(Type service, Func<object> factory) => _factories[service] = factory;
    public ITypeResolver Build() => new Resolver(this);

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
        if (_factories.TryGetValue(type, out var factory)) return factory();
        return type is { IsAbstract: false, IsInterface: false } ? Create(type) : null;
    }

    private sealed class Resolver(SimpleTypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
