using System.Text.Json;

namespace LoadLeak.IntegrationTests.Scenarios;

/// <summary>Debian's python3-grpcio (C-core gRPC, not Grpc.Net) calling the TargetService's gRPC port.</summary>
[Collection(TargetCollection.Name)]
public sealed class PythonGrpcTests(TargetFixture fixture)
{
    private static string Script => Path.Combine(AppContext.BaseDirectory, "Scenarios", "grpc_client.py");

    [RequiresPythonGrpcFact]
    public async Task Generated_stubs_call_unary_and_streaming_with_metadata()
    {
        var python = RequirePython();
        var stubs = Directory.CreateTempSubdirectory("loadleak-pystubs-");
        try
        {
            string mode;
            if (ExternalTools.PythonHasGrpcTools)
            {
                var protoDir = Path.GetDirectoryName(RepoPaths.BenchmarkProto)!;
                var (exit, _, stderr) = await Command.RunAsync(python,
                    ["-m", "grpc_tools.protoc", "-I", protoDir, $"--python_out={stubs.FullName}", $"--grpc_python_out={stubs.FullName}", RepoPaths.BenchmarkProto],
                    TimeSpan.FromSeconds(20));
                Assert.True(exit == 0, $"grpc_tools.protoc failed: {stderr}");
                mode = stubs.FullName;
            }
            else if (ExternalTools.IsCi)
            {
                throw new InvalidOperationException("python3-grpc-tools is required when CI=true (apt-get install python3-grpc-tools python3-protobuf)");
            }
            else mode = "generic";

            var reply = await CallAsync(python, "py-stubs", mode);
            Assert.Equal(mode == "generic" ? "generic" : "stubs", reply.GetProperty("mode").GetString());
            Assert.Equal("query", reply.GetProperty("op").GetString());
            Assert.Equal("py-stubs", reply.GetProperty("benchmark_id").GetString());
            if (mode != "generic")
                Assert.Equal([0, 1, 2], reply.GetProperty("stream").EnumerateArray().Select(e => e.GetInt32()));
        }
        finally
        {
            stubs.Delete(recursive: true);
        }
    }

    [RequiresPythonGrpcFact]
    public async Task Generic_call_with_hand_encoded_protobuf()
    {
        var reply = await CallAsync(RequirePython(), "py-generic", "generic");
        Assert.Equal("generic", reply.GetProperty("mode").GetString());
        Assert.Equal("query", reply.GetProperty("op").GetString());
        Assert.Equal("py-generic", reply.GetProperty("benchmark_id").GetString());
        var seen = await fixture.GetJsonAsync("/api/seen");
        Assert.Equal("py-generic", seen.GetProperty("lastGrpcBenchmarkId").GetString());
    }

    private static string RequirePython() => ExternalTools.PythonWithGrpc
        ?? throw new InvalidOperationException("python3 with grpcio is required when CI=true: apt-get install python3-grpcio");

    private async Task<JsonElement> CallAsync(string python, string benchmarkId, string mode)
    {
        var (exit, stdout, stderr) = await Command.RunAsync(python, [Script, $"127.0.0.1:{fixture.Target.GrpcPort}", benchmarkId, mode], TimeSpan.FromSeconds(20));
        Assert.True(exit == 0, $"python gRPC client exited {exit}: {stderr}");
        return JsonDocument.Parse(stdout.Trim()).RootElement.Clone();
    }
}
