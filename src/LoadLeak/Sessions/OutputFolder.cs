namespace LoadLeak.Sessions;

/// <summary>Makes sure the reports can be written before anything is launched, not after the load ran.</summary>
internal static class OutputFolder
{
    public static void Prepare(string outDir)
    {
        try
        {
            Directory.CreateDirectory(outDir);
            using var probe = new FileStream(Path.Combine(outDir, $".loadleak-write-test-{Environment.ProcessId}"),
                FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Engine.ConfigException($"--out: cannot write reports to '{outDir}': {ex.Message}");
        }
    }
}
