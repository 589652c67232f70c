using global::LoadLeak.Targets;

namespace LoadLeak.Tests.LoadLeak.Targets;

public sealed class TargetFolderTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("target-folder-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Dotnet_runs_in_the_folder_of_its_dll_and_the_dll_path_becomes_absolute()
    {
        var dll = Path.Combine(_dir.FullName, "App.dll");
        File.WriteAllText(dll, "");
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), dll);
        var (command, folder) = TargetFolder.Resolve(["dotnet", relative, "--port", "5000"], null);
        Assert.Equal(_dir.FullName, folder);
        Assert.Equal(["dotnet", dll, "--port", "5000"], command);
    }

    [Fact]
    public void A_program_given_as_a_path_runs_in_its_own_folder()
    {
        var program = Path.Combine(_dir.FullName, "app");
        File.WriteAllText(program, "");
        var (command, folder) = TargetFolder.Resolve([program, "--flag"], null);
        Assert.Equal(_dir.FullName, folder);
        Assert.Equal(program, command[0]);
    }

    [Fact]
    public void A_program_from_path_without_a_main_file_keeps_the_current_folder()
    {
        var (_, folder) = TargetFolder.Resolve(["sleep", "30"], null);
        Assert.Equal(Directory.GetCurrentDirectory(), folder);
    }

    [Fact]
    public void The_flag_wins_over_the_main_file()
    {
        var dll = Path.Combine(_dir.FullName, "App.dll");
        File.WriteAllText(dll, "");
        var (_, folder) = TargetFolder.Resolve(["dotnet", dll], "/tmp");
        Assert.Equal("/tmp", folder);
    }

    [Fact]
    public void A_file_after_the_first_argument_is_not_the_main_file()
    {
        var settings = Path.Combine(_dir.FullName, "settings.json");
        File.WriteAllText(settings, "");
        var (command, folder) = TargetFolder.Resolve(["sleep", "30", settings], null);
        Assert.Equal(Directory.GetCurrentDirectory(), folder);
        Assert.Equal(settings, command[2]);
    }
}
