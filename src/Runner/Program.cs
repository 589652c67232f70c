using LoadLeak.Cli;

return await CliApp.RunAsync(args, new StandardUserConsole());
