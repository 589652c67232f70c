using LoadLeak;

return await LoadLeakRunner.RunAsync(args);
