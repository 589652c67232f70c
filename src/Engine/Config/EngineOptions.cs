namespace LoadLeak.Engine.Config;

/// <summary>Engine knobs a config may set under <c>LoadLeak.Engine</c>; null keeps the engine's default.</summary>
public sealed record EngineOptions(int? MaxInFlight = null, TimeSpan? LateTolerance = null, int? RandomSeed = null);
