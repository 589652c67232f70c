using LoadLeak.Bench.Cpu;
using LoadLeak.Engine.Api;
using LoadLeak.Engine.Running;
using LoadLeak.Engine.Simulations;
using LoadLeak.Scenarios.Grpc;
using LoadLeak.Scenarios.Http;
using LoadLeak.Scenarios.Sockets;
using LoadLeak.Scenarios.Template;

// CPU time of this process per iteration under a closed model, measured in-process: the engine alone
// (a no-op scenario), or the engine plus the HTTP scenario against a URL, or plus the gRPC unary scenario
// (grpc:ADDRESS, over 4 connections). Usage:
//   cpu noop|URL|grpc:ADDRESS [COPIES=64] [SECONDS=10] [WARMUP=5]
// Prints one line per 1 s interval after the warm-up and the whole measured window's µs/iteration.
var target = args.Length > 0 ? args[0] : "noop";
var copies = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 64;
var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
var warmUp = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5;

// LL_SOCKET_COMPLETIONS=inline|threadpool overrides the scenarios' "auto" choice for A/B runs;
// LL_HTTP_CLIENT=raw sends with the raw HTTP/1.1 client instead of SocketsHttpHandler.
var inline = Environment.GetEnvironmentVariable("LL_SOCKET_COMPLETIONS") is { } completions
    ? completions == "inline"
    : SocketCompletions.InlineByDefault;
var template = new RequestTemplate("bench", "query", "a1b2c3");
ScenarioProps props;
if (target == "noop")
{
    var ok = Task.FromResult(Response.Ok(sizeBytes: 10));
    props = Scenario.Create("noop", _ => ok);
}
else if (target.StartsWith("grpc:", StringComparison.Ordinal))
{
    var settings = new GrpcSettings(new Uri(target["grpc:".Length..]), GrpcCall.Unary, TimeSpan.FromSeconds(10), 10, template, 4)
    {
        InlineCompletions = inline,
    };
    props = new GrpcScenario(settings).ToProps("grpc");
}
else
{
    var settings = new HttpSettings(new Uri(target), HttpMethod.Post, System.Net.HttpVersion.Version11,
        new Dictionary<string, string>(), template.JsonBody, template, copies, TimeSpan.FromSeconds(30))
    {
        InlineCompletions = inline,
        Client = Environment.GetEnvironmentVariable("LL_HTTP_CLIENT") == "raw" ? HttpClientKind.Raw : HttpClientKind.HttpClient,
    };
    props = new HttpScenario(settings).ToProps("http");
}
props = props with
{
    WarmUpDuration = TimeSpan.FromSeconds(warmUp),
    LoadSimulations = [new KeepConstant(copies, TimeSpan.FromSeconds(seconds))],
};

var observer = new CpuObserver();
var result = await LoadEngine.RunAsync(new EngineSettings([props], TimeSpan.FromSeconds(1), false), new RunClock(), observer, CancellationToken.None);
observer.Report(warmUp, result);
