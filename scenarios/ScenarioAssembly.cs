namespace LoadLeak.Scenarios; internal static class ScenarioAssembly { }
