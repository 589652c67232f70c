namespace LoadLeak.IntegrationTests; internal static class Placeholder { }
