using LoadLeak.Commands;
using LoadLeak.Engine;
using LoadLeak.Sessions;
using Spectre.Console.Cli;

namespace LoadLeak.Cli;

/// <summary>The `loadleak` command line: commands, help, and the mapping of failures to exit codes.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IUserConsole console, RunStages? stages = null)
    {
        using var interruption = new Interruption();
        var registrar = new SimpleTypeRegistrar();
        registrar.RegisterInstance(typeof(IUserConsole), console);
        registrar.RegisterInstance(typeof(Interruption), interruption);
        registrar.RegisterInstance(typeof(RunStages), stages ?? RunStages.Local);

        var app = new CommandApp(registrar);
        app.Configure(config => Configure(config, console));
        return await app.RunAsync(args);
    }

    /// <summary>The commands, their help and examples, and the failure mapping; apart from running, so a test can check the examples.</summary>
    public static void Configure(IConfigurator config, IUserConsole console)
    {
        config.SetApplicationName("loadleak");
        config.UseStrictParsing();
        config.AddCommand<RunCommand>("run")
            .WithDescription("Run the config's load against the target while sampling it; write HTML, Markdown, CSV and run.json reports.")
            .WithExample("run")
            .WithExample("run", "--duration-scale", "0.1", "--out", "reports/quick")
            .WithExample("run", "--target-cmd", "\"dotnet MyService.dll --urls http://127.0.0.1:{port}\"",
                "--target-url", "http://127.0.0.1:{port}/health");
        config.AddCommand<ReportCommand>("report")
            .WithDescription("Re-render every report format from a run.json alone.")
            .WithExample("report", "reports/20261127-120000-ab12/run.json", "--out", "/tmp/again");
        config.AddCommand<CompareCommand>("compare")
            .WithDescription("Run the same config against two or more candidates, one after another, and compare them side by side.")
            .WithExample("compare", "--candidate", "dict=\"dotnet T.dll --port {port} --impl dictionary\"",
                "--candidate", "lru=\"dotnet T.dll --port {port} --impl lru\"", "--repeat", "3");
        config.AddCommand<SoakCommand>("soak")
            .WithDescription("Hold a steady load for a long time; periodic full-GC readings; forecast the time until memory runs out.")
            .WithExample("soak", "--duration", "1h")
            .WithExample("soak", "--duration", "10m", "--copies", "50", "--gc-every", "30s");
        config.AddCommand<KafkaCommand>("kafka")
            .WithDescription("Start the embedded Kafka broker on loopback and print bootstrap.servers=…; runs until stopped.")
            .WithExample("kafka", "--brokers", "3");
        config.AddCommand<Cluster.Commands.AgentCommand>("agent")
            .WithDescription("Join a cluster over NATS and run the share of the load its coordinator (`run --cluster-*`) assigns.")
            .WithExample("agent", "--cluster-nats-url", "nats://10.0.0.5:4222", "--cluster-id", "soak1");
        config.AddCommand<Cluster.Commands.ProbeCommand>("probe")
            .WithDescription("On the target's host: sample the target for a cluster's coordinator (counters, induced GCs).")
            .WithExample("probe", "--cluster-nats-url", "nats://10.0.0.5:4222", "--cluster-id", "soak1", "--target-pid", "4242");
        config.SetExceptionHandler((exception, _) => Handle(exception, console));
    }

    /// <summary>Anticipated failures get one clear line and their exit code; no stack traces for users.</summary>
    internal static int Handle(Exception exception, IUserConsole console)
    {
        var root = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        switch (root)
        {
            case ConfigException config:
                console.Error(config.Message);
                return ExitCodes.UsageError;
            case CommandAppException usage:
                console.Error(usage.Message);
                return ExitCodes.UsageError;
            case InfrastructureException infrastructure:
                console.Error(infrastructure.Message);
                return ExitCodes.InfrastructureError;
            case Results.RunDocumentFormatException format:
                console.Error(format.Message);
                return ExitCodes.UsageError;
            case OperationCanceledException:
                console.Error("interrupted before anything was measured");
                return ExitCodes.Interrupted;
            default:
                console.Error($"unexpected failure: {root.GetType().Name}: {root.Message}");
                console.Error(root.ToString());
                return ExitCodes.InfrastructureError;
        }
    }
}
