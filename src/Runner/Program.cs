using LoadLeak.Runner.Cli;

return await CliApp.RunAsync(args, new StandardUserConsole());
