using System.Text.Json;
using LoadLeak.Engine.Api;

namespace LoadLeak.Engine.Config;

/// <summary>Reads the NBomber JSON layout into <see cref="NBomberConfig"/>, checking every value where it is.</summary>
internal static class NBomberConfigReader
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <param name="codeScenarios">Scenarios registered in code: TargetScenarios may name them though no ScenariosSettings entry does.</param>
    public static NBomberConfig Read(string json, string source, IReadOnlyCollection<string> codeScenarios)
    {
        using var document = ParseDocument(json, source);
        var root = new ConfigNode(document.RootElement, "", source);
        root.ExpectObject();
        var global = root.Optional("GlobalSettings");
        global?.ExpectObject();
        var scenarios = global?.Optional("ScenariosSettings") is { } list ? list.Items().Select(ReadScenario).ToList() : [];
        RejectDuplicates(scenarios, global);
        var extensions = root.Optional("LoadLeak");
        extensions?.ExpectObject();

        return new NBomberConfig
        {
            SourceName = source,
            TestSuite = root.Optional("TestSuite")?.String(),
            TestName = root.Optional("TestName")?.String(),
            TargetScenarios = root.Optional("TargetScenarios") is { } targets ? ReadTargets(targets, scenarios, codeScenarios) : null,
            Scenarios = scenarios,
            ReportFileName = global?.Optional("ReportFileName")?.String(),
            ReportFolder = global?.Optional("ReportFolder")?.String(),
            ReportFormats = global?.Optional("ReportFormats")?.Items().Select(f => f.String()).ToList(),
            ReportingInterval = global?.Optional("ReportingInterval") is { } interval ? Positive(interval) : null,
            Sequential = global?.Optional("ScenariosRunMode") is { } mode && ReadRunMode(mode),
            Extensions = extensions?.Element.Clone() ?? ScenarioProps.EmptyObject,
            Engine = extensions?.Optional("Engine") is { } engine ? ReadEngineOptions(engine) : new EngineOptions(),
        };
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new ConfigException($"{source}: malformed JSON{where}: {FirstSentence(e.Message)}", e);
        }
    }

    private static ScenarioConfig ReadScenario(ConfigNode node)
    {
        node.ExpectObject();
        var name = node.Optional("ScenarioName")?.String();
        if (string.IsNullOrWhiteSpace(name)) throw node.At("ScenarioName").Error("every scenario needs a non-empty ScenarioName");
        var custom = node.Optional("CustomSettings");
        custom?.ExpectObject();
        return new ScenarioConfig(
            name,
            node.Optional("WarmUpDuration")?.Duration(),
            node.Optional("LoadSimulationsSettings") is { } simulations ? SimulationParser.ParseList(simulations) : null,
            custom?.Element.Clone() ?? ScenarioProps.EmptyObject,
            node.Optional("MaxFailCount") is { } maxFail ? NonNegative(maxFail) : null,
            node.Optional("ThresholdSettings") is { } thresholds ? ThresholdParser.ParseList(thresholds) : null)
        {
            JsonPath = node.Path,
            HasCustomSettings = custom is not null,
        };
    }

    private static IReadOnlyList<string> ReadTargets(ConfigNode targets, IReadOnlyList<ScenarioConfig> scenarios,
        IReadOnlyCollection<string> codeScenarios)
    {
        var configured = scenarios.Select(s => s.ScenarioName).ToList();
        var names = new List<string>();
        foreach (var item in targets.Items())
        {
            var name = item.String();
            if (!configured.Contains(name) && !codeScenarios.Contains(name))
                throw item.Error(NBomberConfig.UnknownScenario(name, configured, codeScenarios));
            if (!names.Contains(name)) names.Add(name);
        }
        return names;
    }

    private static void RejectDuplicates(IReadOnlyList<ScenarioConfig> scenarios, ConfigNode? global)
    {
        var duplicate = scenarios.GroupBy(s => s.ScenarioName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ConfigNode(default, duplicate.Skip(1).First().JsonPath + ".ScenarioName", global!.Value.Source)
                .Error($"scenario '{duplicate.Key}' is configured more than once");
    }

    private static bool ReadRunMode(ConfigNode node) => node.String() switch
    {
        var s when s.Equals("Concurrent", StringComparison.OrdinalIgnoreCase) => false,
        var s when s.Equals("Sequential", StringComparison.OrdinalIgnoreCase) => true,
        var s => throw node.Error($"expected \"Concurrent\" or \"Sequential\", got \"{s}\""),
    };

    private static EngineOptions ReadEngineOptions(ConfigNode node)
    {
        var maxInFlight = node.Optional("MaxInFlight") is { } m ? m.Int() : (int?)null;
        if (maxInFlight <= 0) throw node.At("MaxInFlight").Error($"must be > 0, got {maxInFlight}");
        var tolerance = node.Optional("LateToleranceMs") is { } t ? t.Number() : (double?)null;
        if (tolerance < 0) throw node.At("LateToleranceMs").Error($"must be >= 0, got {tolerance}");
        return new EngineOptions(maxInFlight, tolerance is { } ms ? TimeSpan.FromMilliseconds(ms) : null, node.Optional("RandomSeed")?.Int());
    }

    private static TimeSpan Positive(ConfigNode node)
    {
        var value = node.Duration();
        return value > TimeSpan.Zero ? value : throw node.Error($"must be > 00:00:00, got {value:c}");
    }

    private static int NonNegative(ConfigNode node)
    {
        var value = node.Int();
        return value >= 0 ? value : throw node.Error($"must be >= 0 (0 = no limit), got {value}");
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd();
    }
}
