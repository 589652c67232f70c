using LoadLeak.Correlator.Sampling.Endpoints;
using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class GoroutineDumpParserTests
{
    [Fact]
    public void Reads_the_fixtures_leak_with_its_count_function_and_line()
    {
        var dump = GoroutineDumpParser.Parse(GoTestData.Text("goroutine-goroutine-after.txt"));

        Assert.Equal(dump.Total, dump.Groups.Sum(g => g.Count));
        var leak = dump.Groups.MaxBy(g => g.Count)!;
        Assert.True(leak.Count >= 20_000, $"largest group has {leak.Count}");
        Assert.Equal("main.watcher", leak.TopFrame!.Function);
        Assert.EndsWith("tests/Fixtures/GoLeaky/leaks.go", leak.TopFrame.File, StringComparison.Ordinal);
        Assert.True(leak.TopFrame.Line > 0);
        Assert.Equal(0, dump.SkippedLines);
    }

    [Fact]
    public void A_group_whose_frames_are_all_hidden_has_none()
    {
        var dump = GoroutineDumpParser.Parse("goroutine profile: total 2\n1 @ 0x46b581\n\n1 @ 0x1 0x2\n#\t0x1\tmain.main+0x5\t/a/main.go:8\n");
        Assert.Equal(2, dump.Groups.Count);
        Assert.Empty(dump.Groups[0].Frames);
        Assert.Null(dump.Groups[0].TopFrame);
        Assert.Equal("main.main", dump.Groups[1].TopFrame!.Function);
    }

    [Fact]
    public void The_top_frame_skips_the_scheduler_and_its_linked_shims()
    {
        const string text = """
            goroutine profile: total 7

            5 @ 0x1 0x2 0x3
            # labels: {"handler":"query"}
            #	0x43b255	runtime.gopark+0xd5		/usr/lib/go-1.19/src/runtime/proc.go:363
            #	0x44b01b	runtime.selectgo+0x7ab		/usr/lib/go-1.19/src/runtime/select.go:328
            #	0x68ee64	main.watcher+0xa4		/srv/app/leaks.go:74
            #	0x68f000	main.handle.func1+0x20		/srv/app/main.go:12

            2 @ 0x4 0x5
            #	0x465f48	internal/poll.runtime_pollWait+0x88		/usr/lib/go-1.19/src/runtime/netpoll.go:305
            #	0x4b9511	internal/poll.(*pollDesc).wait+0x31		/usr/lib/go-1.19/src/internal/poll/fd_poll_runtime.go:84
            """;

        var dump = GoroutineDumpParser.Parse(text);

        Assert.Equal(7, dump.Total);
        Assert.Equal([5L, 2L], dump.Groups.Select(g => g.Count));
        Assert.Equal(new GoFrame("main.watcher", "/srv/app/leaks.go", 74), dump.Groups[0].TopFrame);
        Assert.Equal("""{"handler":"query"}""", dump.Groups[0].Labels);
        Assert.Equal("internal/poll.(*pollDesc).wait", dump.Groups[1].TopFrame!.Function);
    }

    [Fact]
    public void Malformed_lines_are_skipped_and_counted()
    {
        const string text = "goroutine profile: total 3\n3 @ 0x1\n#\t0x1\tmain.f+0x1\tno-line-number\n#\t0x2\tmain.g+0x2\t/a.go:9\nnot a line\n";
        var dump = GoroutineDumpParser.Parse(text);
        Assert.Equal(2, dump.SkippedLines);
        Assert.Equal(new GoFrame("main.g", "/a.go", 9), Assert.Single(dump.Groups).TopFrame);
    }

    [Theory]
    [InlineData("<html><body>404 page not found</body></html>")]
    [InlineData("goroutine 1 [running]:\nmain.main()\n")]
    [InlineData("")]
    public void A_body_that_is_not_the_debug_1_profile_is_a_clear_error(string body)
    {
        var error = Assert.Throws<EndpointContentException>(() => GoroutineDumpParser.Parse(body));
        Assert.StartsWith("not a goroutine?debug=1 profile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
