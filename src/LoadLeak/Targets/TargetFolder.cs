namespace LoadLeak.Targets;

/// <summary>
/// The folder a launched target runs in: --target-cwd, else the folder of the command's main file, so an app finds its
/// own config files (appsettings.json) as it would when started from its folder. The main file is the first argument that
/// is not an option, when it names an existing file (`dotnet X.dll`, `java -jar app.jar`), else the program when given as
/// a path (`./bin/app`); a bare program name from PATH (`sleep 30`) keeps LoadLeak's current folder. The main file and a
/// program given as a relative path are made absolute, so they still resolve from the new folder.
/// </summary>
internal static class TargetFolder
{
    public static (IReadOnlyList<string> Command, string Folder) Resolve(IReadOnlyList<string> command, string? cwdFlag)
    {
        var words = command.ToArray();
        if (words[0].Contains('/') && File.Exists(words[0])) words[0] = Path.GetFullPath(words[0]);
        // Only the first word that is not an option: a later file is an argument of the program, not the program.
        var first = Array.FindIndex(words, 1, w => !w.StartsWith('-'));
        var main = first > 0 && File.Exists(words[first]) ? first : -1;
        if (main > 0) words[main] = Path.GetFullPath(words[main]);
        if (cwdFlag is not null) return (words, Path.GetFullPath(cwdFlag));
        var folder = main > 0 ? Path.GetDirectoryName(words[main])
            : words[0].Contains('/') ? Path.GetDirectoryName(Path.GetFullPath(words[0])) : null;
        return (words, folder ?? Directory.GetCurrentDirectory());
    }
}
