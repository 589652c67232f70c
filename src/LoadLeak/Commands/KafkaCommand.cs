using System.ComponentModel;
using LoadLeak.Cli;
using LoadLeak.Kafka;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LoadLeak.Commands;

/// <summary>`loadleak kafka`: the embedded Kafka broker on loopback, standalone, until stopped.</summary>
internal sealed class KafkaCommand(IUserConsole console, Interruption interruption) : AsyncCommand<KafkaCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--brokers <N>")]
        [Description("Number of brokers in the embedded cluster.")]
        [DefaultValue(1)]
        public int Brokers { get; init; } = 1;

        public override ValidationResult Validate() =>
            Brokers is >= 1 and <= 9 ? ValidationResult.Success() : ValidationResult.Error($"--brokers: expected 1..9, got {Brokers}");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var kafka = EmbeddedKafka.Start(settings.Brokers);
        kafka.CreateTopic(Sessions.KafkaNeeds.DefaultTopic, partitions: 1, replicationFactor: Math.Min(3, settings.Brokers));
        console.Info($"bootstrap.servers={kafka.BootstrapServers}");
        try { await Task.Delay(Timeout.Infinite, interruption.Token); }
        catch (OperationCanceledException) { }
        return ExitCodes.Ok;
    }
}
