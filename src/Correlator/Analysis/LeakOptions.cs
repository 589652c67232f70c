using System.Globalization;
using System.Text.Json;
using LoadLeak.Engine;
using LoadLeak.Results;

namespace LoadLeak.Correlator.Analysis;

/// <summary>
/// Thresholds of the leak verdict. A trend must be statistically significant AND large enough
/// to matter AND still rising at the end of the load AND not gone after cool-down to be a leak.
/// </summary>
public sealed record LeakOptions
{
    /// <summary>Minimum 1 - p of the trend test.</summary>
    public double MinConfidence { get; init; } = 0.95;
    public double MinHeapGrowthBytes { get; init; } = 5 * 1024 * 1024;
    public double MinRssGrowthBytes { get; init; } = 10 * 1024 * 1024;
    /// <summary>Memory growth slower than this is not worth a failed build.</summary>
    public double MinMemoryGrowthMBPerHour { get; init; } = 10;
    public double MinThreadGrowth { get; init; } = 10;
    public double MinTimerGrowth { get; init; } = 100;
    public double MinFdGrowth { get; init; } = 20;
    public double MinGoroutineGrowth { get; init; } = 20;
    /// <summary>Goroutine growth must also reach this fraction of the count at the start of the load (a big service idles with many).</summary>
    public double MinGoroutineGrowthFraction { get; init; } = 0.10;
    /// <summary>Recovered when the value after cool-down is within this fraction of the baseline.</summary>
    public double RecoveryTolerance { get; init; } = 0.10;
    /// <summary>Fewer per-second samples in the load window than this: inconclusive.</summary>
    public int MinSamples { get; init; } = 30;
    /// <summary>The last half of the load must still grow at this fraction of the overall slope (a filled cache does not).</summary>
    public double LateSlopeFraction { get; init; } = 0.3;
    /// <summary>
    /// A slower last half still counts as rising (not flattening) when it rises significantly on its own by at least
    /// this many times the minimum growth.
    /// </summary>
    public double LateRiseGrowthMultiple { get; init; } = 10;
    /// <summary>Trailing phases at or below this fraction of the peak request rate are cool-down.</summary>
    public double CoolDownLoadFraction { get; init; } = 0.25;
    public double MinBlockSeconds { get; init; } = 5;
    /// <summary>
    /// .NET's thread pool retires a thread after this long idle (its default, DOTNET_ThreadPool_ThreadTimeoutMs):
    /// a cool-down shorter than this cannot tell pool threads kept by design from leaked ones.
    /// </summary>
    public double ThreadPoolIdleSeconds { get; init; } = 20;
    public int MaxTestPoints { get; init; } = 120;

    public static LeakOptions Default { get; } = new();

    /// <summary>
    /// The shortest cool-down whose recovery reading (the median of the last samples) comes after the pool's idle
    /// threads have retired.
    /// </summary>
    public double MinThreadPoolCoolDownSeconds => ThreadPoolIdleSeconds + RecoveryTailSeconds;

    /// <summary>How many trailing seconds of the cool-down the recovery reading is the median of.</summary>
    public const int RecoveryTailSeconds = 5;

    /// <summary>Reads a JSON object of overrides; unknown names and out-of-range values throw naming their path.</summary>
    public static LeakOptions FromJson(JsonElement section, string jsonPath)
    {
        if (section.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{jsonPath}: expected an object, got {section.ValueKind}");
        var o = Default;
        foreach (var property in section.EnumerateObject())
        {
            var path = $"{jsonPath}.{property.Name}";
            var v = property.Value;
            o = property.Name.ToLowerInvariant() switch
            {
                "minconfidence" => o with { MinConfidence = Number(v, path, 0.5, 0.999999) },
                "minheapgrowthbytes" => o with { MinHeapGrowthBytes = Number(v, path, 0, 1e15) },
                "minrssgrowthbytes" => o with { MinRssGrowthBytes = Number(v, path, 0, 1e15) },
                "minmemorygrowthmbperhour" => o with { MinMemoryGrowthMBPerHour = Number(v, path, 0, 1e9) },
                "minthreadgrowth" => o with { MinThreadGrowth = Number(v, path, 0, 1e7) },
                "mintimergrowth" => o with { MinTimerGrowth = Number(v, path, 0, 1e9) },
                "minfdgrowth" => o with { MinFdGrowth = Number(v, path, 0, 1e9) },
                "mingoroutinegrowth" => o with { MinGoroutineGrowth = Number(v, path, 0, 1e9) },
                "mingoroutinegrowthfraction" => o with { MinGoroutineGrowthFraction = Number(v, path, 0, 100) },
                "recoverytolerance" => o with { RecoveryTolerance = Number(v, path, 0, 10) },
                "minsamples" => o with { MinSamples = (int)Integer(v, path, 10, 1_000_000) },
                "lateslopefraction" => o with { LateSlopeFraction = Number(v, path, 0, 1) },
                "laterisegrowthmultiple" => o with { LateRiseGrowthMultiple = Number(v, path, 0, 1e6) },
                "cooldownloadfraction" => o with { CoolDownLoadFraction = Number(v, path, 0, 1) },
                "minblockseconds" => o with { MinBlockSeconds = Number(v, path, 1, 3600) },
                "maxtestpoints" => o with { MaxTestPoints = (int)Integer(v, path, 10, 2000) },
                "threadpoolidleseconds" => o with { ThreadPoolIdleSeconds = Number(v, path, 0, 86_400) },
                _ => throw new ConfigException($"{path}: unknown leak setting (known: MinConfidence, MinHeapGrowthBytes, MinRssGrowthBytes, " +
                    "MinMemoryGrowthMBPerHour, MinThreadGrowth, MinTimerGrowth, MinFdGrowth, MinGoroutineGrowth, " +
                    "MinGoroutineGrowthFraction, RecoveryTolerance, MinSamples, " +
                    "LateSlopeFraction, LateRiseGrowthMultiple, CoolDownLoadFraction, MinBlockSeconds, MaxTestPoints, ThreadPoolIdleSeconds)"),
            };
        }
        return o;
    }

    private static double Number(JsonElement v, string path, double min, double max)
    {
        double value;
        if (v.ValueKind == JsonValueKind.Number) value = v.GetDouble();
        else if (v.ValueKind != JsonValueKind.String
                 || !double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            throw new ConfigException($"{path}: expected a number, got {Describe(v)}");
        if (!double.IsFinite(value) || value < min || value > max)
            throw new ConfigException($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is out of range " +
                $"[{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return value;
    }

    private static long Integer(JsonElement v, string path, long min, long max)
    {
        var value = Number(v, path, min, max);
        if (value != Math.Floor(value)) throw new ConfigException($"{path}: expected a whole number, got " +
            $"{value.ToString(CultureInfo.InvariantCulture)}");
        return (long)value;
    }

    private static string Describe(JsonElement v) => v.ValueKind == JsonValueKind.String ? $"\"{v.GetString()}\"" : v.ValueKind.ToString();

    /// <summary>The growth below which a resource's trend is noise, in its own unit.</summary>
    public double MinGrowthFor(LeakResource resource) => resource switch
    {
        LeakResource.Heap => MinHeapGrowthBytes,
        LeakResource.Rss => MinRssGrowthBytes,
        LeakResource.Threads or LeakResource.ThreadPoolThreads => MinThreadGrowth,
        LeakResource.Timers => MinTimerGrowth,
        LeakResource.Fds => MinFdGrowth,
        LeakResource.Goroutines => MinGoroutineGrowth,
        _ => 0,
    };

    /// <summary>The growth below which a trend is noise, given the resource's value when the load began.</summary>
    public double MinGrowthFor(LeakResource resource, double baseline) =>
        resource == LeakResource.Goroutines
            ? Math.Max(MinGoroutineGrowth, MinGoroutineGrowthFraction * Math.Abs(baseline))
            : MinGrowthFor(resource);
}
