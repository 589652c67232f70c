namespace LoadLeak.Engine.Schedules;

/// <summary>A problem with one argument of a load simulation; ArgumentIndex is its position in NBomber's JSON array.</summary>
internal sealed record SimulationProblem(int ArgumentIndex, string Message);
