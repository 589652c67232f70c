using LoadLeak.Correlator.Sampling.Go;

namespace LoadLeak.Tests.Correlator.Go;

public class GoFrameTests
{
    [Theory]
    [InlineData("main.watcher", "main", false)]
    [InlineData("net/http.(*conn).serve", "net/http", false)]
    [InlineData("runtime.gopark", "runtime", true)]
    [InlineData("runtime/internal/atomic.Load", "runtime/internal/atomic", true)]
    [InlineData("sync.runtime_SemacquireMutex", "sync", true)]
    [InlineData("internal/poll.runtime_pollWait", "internal/poll", true)]
    [InlineData("runtime/pprof.writeGoroutine", "runtime/pprof", false)]
    [InlineData("github.com/acme/api/store.(*Cache).Put", "github.com/acme/api/store", false)]
    public void Knows_the_package_and_the_runtime(string function, string package, bool runtime)
    {
        var frame = new GoFrame(function, "/x.go", 1);
        Assert.Equal(package, frame.Package);
        Assert.Equal(runtime, frame.IsRuntime);
    }

    [Fact]
    public void Standard_library_is_what_lies_under_the_goroot_the_runtime_frames_reveal()
    {
        var classifier = GoCodeClassifier.From(
        [
            new GoFrame("runtime.main", "/usr/local/go/src/runtime/proc.go", 250),
            new GoFrame("encoding/json.Marshal", "/usr/local/go/src/encoding/json/encode.go", 160),
        ]);

        Assert.Equal("/usr/local/go/src/", classifier.GoRootSource);
        Assert.True(classifier.IsStandardLibrary(new GoFrame("encoding/json.Marshal", "/usr/local/go/src/encoding/json/encode.go", 160)));
        // A module without a dot in its path is still the service's code when its files lie outside GOROOT.
        Assert.False(classifier.IsStandardLibrary(new GoFrame("goleaky/store.Put", "/srv/goleaky/store/store.go", 12)));
    }

    [Fact]
    public void Without_goroot_paths_the_import_path_decides()
    {
        var classifier = GoCodeClassifier.From([new GoFrame("runtime.main", "runtime/proc.go", 250)]);
        Assert.Null(classifier.GoRootSource);
        Assert.True(classifier.IsStandardLibrary(new GoFrame("net/http.readRequest", "net/http/request.go", 1)));
        Assert.False(classifier.IsStandardLibrary(new GoFrame("main.handler", "app/main.go", 1)));
        Assert.False(classifier.IsStandardLibrary(new GoFrame("github.com/a/b.F", "github.com/a/b/f.go", 1)));
    }

    [Fact]
    public void Blame_prefers_own_code_then_anything_outside_the_runtime()
    {
        var classifier = GoCodeClassifier.From([new GoFrame("runtime.main", "/go/src/runtime/proc.go", 1)]);
        GoFrame gopark = new("runtime.gopark", "/go/src/runtime/proc.go", 363);
        GoFrame wait = new("sync.(*Cond).Wait", "/go/src/sync/cond.go", 70);
        GoFrame own = new("main.worker", "/app/main.go", 30);

        Assert.Equal(own, classifier.Blame([gopark, wait, own]));
        Assert.Equal(wait, classifier.Blame([gopark, wait]));
        Assert.Equal(gopark, classifier.Blame([gopark]));
        Assert.Null(classifier.Blame([]));
    }
}
