using LoadLeak.Correlator.Forensics;

namespace LoadLeak.Tests.Correlator.Forensics;

public class AsyncMethodNamesTests
{
    [Theory]
    [InlineData("Shop.Orders+<PlaceAsync>d__4", "Shop.Orders.PlaceAsync")]
    [InlineData("Shop.Outer+Inner+<RunAsync>d__12", "Shop.Outer+Inner.RunAsync")]
    [InlineData("Shop.Repo<System.Int32>+<LoadAsync>d__2", "Shop.Repo<System.Int32>.LoadAsync")]
    [InlineData("Shop.Repo+<LoadAsync>d__2<System.String>", "Shop.Repo.LoadAsync")]
    [InlineData("Program+<>c+<<Main>b__0_0>d", "Program+<>c+<<Main>b__0_0>d")]
    [InlineData("NotAStateMachine", "NotAStateMachine")]
    public void Names_the_method_a_state_machine_runs(string stateMachine, string method)
    {
        Assert.Equal(method, AsyncMethodNames.FromStateMachine(stateMachine));
    }
}
