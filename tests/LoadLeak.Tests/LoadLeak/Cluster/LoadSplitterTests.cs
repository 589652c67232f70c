using LoadLeak.Cluster.Planning;
using LoadLeak.Engine.Simulations;
using LoadLeak.Results;

namespace LoadLeak.Tests.LoadLeak.Cluster;

public class LoadSplitterTests
{
    private static readonly TimeSpan S10 = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan S1 = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(10, 3, 0)]
    [InlineData(10, 3, 2)]
    [InlineData(2, 5, 1)]
    [InlineData(0, 4, 3)]
    [InlineData(1001, 7, 6)]
    public void Parts_add_up_and_differ_by_at_most_one(int total, int agents, int rotation)
    {
        var parts = Enumerable.Range(0, agents).Select(i => LoadSplitter.Part(total, i, agents, rotation)).ToList();
        Assert.Equal(total, parts.Sum());
        Assert.True(parts.Max() - parts.Min() <= 1);
    }

    [Fact]
    public void The_remainder_goes_to_consecutive_agents_from_the_rotation()
    {
        Assert.Equal([3, 3, 4, 4], Enumerable.Range(0, 4).Select(i => LoadSplitter.Part(14, i, 4, 2)));
        Assert.Equal([4, 4, 3, 3], Enumerable.Range(0, 4).Select(i => LoadSplitter.Part(14, i, 4, 0)));
    }

    [Fact]
    public void Closed_model_copies_split_and_sum_step_by_step()
    {
        IReadOnlyList<LoadSimulation> plan = [new RampingConstant(7, S10), new KeepConstant(7, S10), new RampingConstant(0, S10)];
        var shares = Enumerable.Range(0, 3).Select(i => LoadSplitter.Share(plan, i, 3, 1)).ToList();

        Assert.Equal(7, shares.Sum(s => ((RampingConstant)s[0]).Copies));
        Assert.Equal(7, shares.Sum(s => ((KeepConstant)s[1]).Copies));
        Assert.All(shares, s => Assert.Equal(S10, s[1] switch { KeepConstant k => k.During, _ => TimeSpan.Zero }));
        Assert.Equal([2, 3, 2], shares.Select(s => ((KeepConstant)s[1]).Copies));
        Assert.All(shares, s => Assert.Equal(0, ((RampingConstant)s[2]).Copies));
    }

    [Fact]
    public void An_agent_without_a_share_of_a_steady_step_pauses_through_it()
    {
        IReadOnlyList<LoadSimulation> plan = [new KeepConstant(1, S10), new Inject(1, S1, S10)];
        var second = LoadSplitter.Share(plan, 1, 2, 0);
        Assert.Equal([new Pause(S10), new Pause(S10)], second);
        Assert.False(LoadSplitter.HasLoad(plan, 1, 2, 0));
        Assert.True(LoadSplitter.HasLoad(plan, 0, 2, 0));
    }

    [Fact]
    public void Open_model_rates_split_and_sum()
    {
        IReadOnlyList<LoadSimulation> plan = [new RampingInject(101, S1, S10), new Inject(101, S1, S10), new InjectRandom(10, 31, S1, S10)];
        var shares = Enumerable.Range(0, 4).Select(i => LoadSplitter.Share(plan, i, 4, 0)).ToList();

        Assert.Equal(101, shares.Sum(s => ((RampingInject)s[0]).Rate));
        Assert.Equal(101, shares.Sum(s => ((Inject)s[1]).Rate));
        Assert.Equal(31, shares.Sum(s => ((InjectRandom)s[2]).MaxRate));
        Assert.Equal(10, shares.Sum(s => ((InjectRandom)s[2]).MinRate));
        Assert.All(shares, s => Assert.Equal(S1, ((Inject)s[1]).Interval));
    }

    [Fact]
    public void Iterations_go_to_the_agents_that_have_copies()
    {
        IReadOnlyList<LoadSimulation> plan = [new IterationsForConstant(2, 101)];
        var shares = Enumerable.Range(0, 3).Select(i => LoadSplitter.Share(plan, i, 3, 0)[0]).ToList();

        var working = shares.OfType<IterationsForConstant>().ToList();
        Assert.Equal(2, working.Count);
        Assert.Equal(2, working.Sum(w => w.Copies));
        Assert.Equal(101, working.Sum(w => w.Iterations));
        Assert.Equal(new Pause(LoadSplitter.IdleStep), shares[2]);
    }

    [Fact]
    public void Open_iterations_split_with_the_rate()
    {
        IReadOnlyList<LoadSimulation> plan = [new IterationsForInject(10, S1, 1000)];
        var shares = Enumerable.Range(0, 3).Select(i => (IterationsForInject)LoadSplitter.Share(plan, i, 3, 2)[0]).ToList();
        Assert.Equal(10, shares.Sum(s => s.Rate));
        Assert.Equal(1000, shares.Sum(s => s.Iterations));
    }

    [Fact]
    public void One_agent_gets_everything_unchanged()
    {
        IReadOnlyList<LoadSimulation> plan = [new RampingConstant(5, S10), new Pause(S1), new KeepConstant(3, S10)];
        Assert.Equal(plan, LoadSplitter.Share(plan, 0, 1, 0));
    }
}
