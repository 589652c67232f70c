using LoadLeak.Scenarios.Template;

namespace LoadLeak.Scenarios.Settings;

/// <summary>
/// The template keys every protocol shares: <c>BenchmarkId</c> (default: the runner's <c>{benchmarkId}</c>
/// placeholder, so all scenarios of a run share one id; else a fresh id) and <c>PayloadSizeBytes</c>.
/// </summary>
internal static class TemplateSettings
{
    public const int MaxPayloadBytes = 16 * 1024 * 1024;
    public const string BenchmarkIdPlaceholder = "benchmarkId";

    public static RequestTemplate Read(SettingsReader reader, string sizeKey = "PayloadSizeBytes")
    {
        var benchmarkId = reader.OptionalString("BenchmarkId") ?? reader.Placeholder(BenchmarkIdPlaceholder) ?? RequestTemplate.NewBenchmarkId();
        if (string.IsNullOrWhiteSpace(benchmarkId) || benchmarkId.Any(char.IsControl))
            throw reader.Error("BenchmarkId", "must be a non-empty header-safe string");
        var size = reader.Int(sizeKey, RequestTemplate.DefaultPayload.Length, 0, MaxPayloadBytes);
        return RequestTemplate.Create(benchmarkId, size);
    }
}
