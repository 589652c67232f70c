using Microsoft.AspNetCore.Server.Kestrel.Core;
using TargetService.Grpc;
using TargetService.Kafka;
using TargetService.Leaks;
using TargetService.Options;
using TargetService.Query;

TargetOptions options;
try
{
    options = TargetOptions.Parse(args);
}
catch (ArgumentException failure)
{
    Console.Error.WriteLine($"TargetService: {failure.Message}");
    return 2;
}
if (options.ShowHelp)
{
    Console.Out.Write(HelpText.Build());
    return 0;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// A failed bind is reported below in one line (exit 2); the host would also log it with a full stack trace.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Loopback only. HTTP/1.1 on the main port; the gRPC port is HTTP/2 with prior knowledge (h2c),
    // which Kestrel only offers on a cleartext endpoint restricted to Http2.
    kestrel.Listen(System.Net.IPAddress.Loopback, options.Port, l => l.Protocols = HttpProtocols.Http1);
    kestrel.Listen(System.Net.IPAddress.Loopback, options.GrpcPort, l => l.Protocols = HttpProtocols.Http2);
    kestrel.Limits.Http2.MaxStreamsPerConnection = 512;
});
builder.Services.AddSingleton(QueryHandler.Create(options.Implementation));
builder.Services.AddSingleton(LeakCatalog.Create(options.LeakModes));
builder.Services.AddSingleton<EndToEndRecorder>();
builder.Services.AddSingleton<SeenRequests>();
builder.Services.AddGrpc();
if (options.KafkaBootstrap is not null)
{
    builder.Services.AddSingleton(new KafkaConsumerOptions(options.KafkaBootstrap, options.KafkaTopic));
    builder.Services.AddHostedService<KafkaConsumerService>();
}

var app = builder.Build();
HttpEndpoints.UseLeakHook(app);
HttpEndpoints.Map(app);
app.MapGrpcService<BenchmarkService>();
try
{
    await app.StartAsync();
}
catch (IOException failure)
{
    // Typically "address already in use": a bad --port, so the same exit code as other bad arguments.
    Console.Error.WriteLine($"TargetService: cannot listen: {failure.Message}");
    return 2;
}
Console.Out.WriteLine($"TargetService listening: http=127.0.0.1:{options.Port} grpc=127.0.0.1:{options.GrpcPort} " +
    $"kafka={options.KafkaBootstrap ?? "off"} leak={app.Services.GetRequiredService<ILeakMode>().Name} impl={options.Implementation} " +
        $"pid={Environment.ProcessId}");
await app.WaitForShutdownAsync();
return 0;
