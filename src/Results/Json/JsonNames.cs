using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadLeak.Results;

/// <summary>The spelling of a state in run.json, which is also how the reports and the console show it.</summary>
public static class JsonNames
{
    /// <summary>"target-died" for RunStatus.TargetDied; the member's [JsonStringEnumMemberName] where it has one.</summary>
    public static string ToJsonName<T>(this T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no member {value}");

    public static bool TryParse<T>(string name, out T value)
        where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(name, out value);

    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum =>
        Names<T>.InOrder;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> InOrder;
        public static readonly Dictionary<T, string> ByValue = [];
        public static readonly Dictionary<string, T> ByName = new(StringComparer.OrdinalIgnoreCase);

        static Names()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var name = field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? JsonNamingPolicy.KebabCaseLower.ConvertName(field.Name);
                var value = (T)field.GetValue(null)!;
                ByValue[value] = name;
                ByName[name] = value;
            }
            InOrder = ByValue.Values.ToArray();
        }
    }
}
