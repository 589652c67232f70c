using global::LoadLeak.Cluster.Running;
using global::LoadLeak.Engine.Config;
using global::LoadLeak.Sessions;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public sealed class SoakClusterWarningTests
{
    [Fact]
    public void A_soak_names_the_configs_cluster_settings_it_ignores_and_says_nothing_without_them()
    {
        var folder = Directory.CreateTempSubdirectory("loadleak-soak-cluster-").FullName;
        try
        {
            var clustered = Path.Combine(folder, "clustered.json");
            File.WriteAllText(clustered, "{ \"ClusterSettings\": { \"AutoCluster\": { \"ClusterId\": \"c\" } }, // a comment\n }");
            var plain = Path.Combine(folder, "plain.json");
            File.WriteAllText(plain, "{ \"GlobalSettings\": {} }");

            var warning = ClusterPlan.SoakWarning(Plan(clustered));

            Assert.NotNull(warning);
            Assert.StartsWith($"{clustered}: ClusterSettings is ignored", warning, StringComparison.Ordinal);
            Assert.Null(ClusterPlan.SoakWarning(Plan(plain)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RunPlan Plan(string config) => new()
    {
        RunId = "test",
        OutDir = Path.GetTempPath(),
        ConfigPath = config,
        Config = new NBomberConfig { SourceName = config },
        Target = new TargetSpec.Attach(1),
    };
}
