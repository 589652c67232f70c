using System.IO.Compression;
using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class HeapProfileTests
{
    private static HeapProfileSummary Summary(string file) => HeapProfileSummarizer.Summarize(PprofProtoDecoder.Decode(GoTestData.Bytes(file)));

    [Fact]
    public void Decodes_a_go_heap_profile_with_its_four_sample_types_and_resolved_stacks()
    {
        var profile = PprofProtoDecoder.Decode(GoTestData.Bytes("heap-map-after.pb.gz"));

        Assert.Equal(["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"], profile.SampleTypes.Select(t => t.Type));
        Assert.Equal(["count", "bytes", "count", "bytes"], profile.SampleTypes.Select(t => t.Unit));
        Assert.NotEmpty(profile.Samples);
        Assert.All(profile.Samples, s => Assert.Equal(4, s.Values.Count));
        Assert.Contains(profile.Samples,
            s => s.Stack.Any(f => f.Function == "main.(*mapLeak).remember" && f.File.EndsWith("leaks.go", StringComparison.Ordinal)));
    }

    [Fact]
    public void Names_the_map_leaks_allocating_function()
    {
        var summary = Summary("heap-map-after.pb.gz");
        var top = summary.Sites[0];

        Assert.Equal("main.newSession", top.Frame.Function);
        Assert.EndsWith("GoLeaky/leaks.go", top.Frame.File, StringComparison.Ordinal);
        Assert.True(top.InuseBytes > 0.6 * summary.InuseBytes, $"{top.InuseBytes} of {summary.InuseBytes}");
        // 20,000 sessions of ~1 KB each (estimates scaled from sampled allocations).
        Assert.InRange(top.InuseBytes, 10_000_000, 40_000_000);
        Assert.Equal(summary.InuseBytes, summary.Sites.Sum(s => s.InuseBytes));
        Assert.Contains(summary.Stacks[0].Stack, f => f.Function == "main.query");
        Assert.True(summary.AllocBytes >= summary.InuseBytes);
    }

    [Fact]
    public void Names_the_pool_leaks_buffer_constructor()
    {
        var summary = Summary("heap-pool-after.pb.gz");
        Assert.Equal("main.newReplyBuffer", summary.Sites[0].Frame.Function);
        Assert.True(summary.Sites[0].InuseBytes > 0.6 * summary.InuseBytes);
    }

    [Fact]
    public void Without_own_code_in_the_stack_the_first_frame_outside_the_runtime_allocates()
    {
        // ctxhold keeps requests the standard library allocated while reading them off the connection.
        var summary = Summary("heap-ctxhold-after.pb.gz");
        Assert.StartsWith("net/", summary.Sites[0].Frame.Function, StringComparison.Ordinal);
        Assert.Contains(summary.Sites, s => s.Frame.Function.StartsWith("main.(*ctxHoldLeak)", StringComparison.Ordinal));
        Assert.DoesNotContain(summary.Sites, s => s.Frame.IsRuntime && s.InuseBytes > summary.InuseBytes / 10);
    }

    [Fact]
    public void Reads_packed_and_unpacked_repeated_fields_and_inlined_frames()
    {
        var writer = new ProfileProtoWriter();
        writer.SampleType("inuse_objects", "count");
        writer.SampleType("inuse_space", "bytes");
        writer.Function(1, "runtime.mallocgc", "/go/src/runtime/malloc.go");
        writer.Function(2, "main.newBuf", "/app/buf.go");
        writer.Function(3, "main.handle", "/app/main.go");
        writer.Location(10, (1, 900));
        writer.Location(11, (2, 7), (3, 40)); // newBuf inlined into handle
        writer.Sample([10, 11], [3, 3000]);
        writer.Sample([10, 11], [1, 1000], packed: false);

        var summary = HeapProfileSummarizer.Summarize(PprofProtoDecoder.Decode(writer.Gzipped()));

        Assert.Equal(4000, summary.InuseBytes);
        Assert.Equal(4, summary.InuseObjects);
        var site = Assert.Single(summary.Sites);
        Assert.Equal(new GoFrame("main.newBuf", "/app/buf.go", 7), site.Frame);
        var stack = Assert.Single(summary.Stacks);
        Assert.Equal(["runtime.mallocgc", "main.newBuf", "main.handle"], stack.Stack.Select(f => f.Function));
        Assert.Null(summary.AllocBytes);
    }

    [Fact]
    public void A_body_that_is_not_gzip_is_a_clear_error()
    {
        var html = "<!DOCTYPE html><html>404 page not found</html>"u8.ToArray();
        var error = Assert.Throws<EndpointContentException>(() => PprofProtoDecoder.Decode(html));
        Assert.Equal("not a gzipped pprof profile: it starts with '<!DOCTYPE html><html>404 page not found<…'", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_is_a_clear_error()
    {
        var body = GoTestData.Bytes("heap-map-after.pb.gz");
        var error = Assert.Throws<EndpointContentException>(() => PprofProtoDecoder.Decode(body[..(body.Length / 2)]));
        Assert.StartsWith("the gzipped profile is corrupt", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("the gzipped profile is corrupt",
            Assert.Throws<EndpointContentException>(() => PprofProtoDecoder.Decode([0x1f, 0x8b])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzipped_bytes_that_are_not_a_profile_are_a_clear_error()
    {
        using var zipped = new MemoryStream();
        using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write([0x0a, 0xff, 0xff, 0xff]);
        var error = Assert.Throws<EndpointContentException>(() => PprofProtoDecoder.Decode(zipped.ToArray()));
        Assert.StartsWith("the profile is not a valid profile.proto message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_without_in_use_space_is_not_a_heap_profile()
    {
        var writer = new ProfileProtoWriter();
        writer.SampleType("samples", "count");
        writer.SampleType("cpu", "nanoseconds");
        var error = Assert.Throws<EndpointContentException>(() => HeapProfileSummarizer.Summarize(PprofProtoDecoder.Decode(writer.Gzipped())));
        Assert.Equal("not a heap profile: no inuse_space among its sample types (samples, cpu)", error.Message);
    }
}
