using CodeFirst;
using LoadLeak;

// The args are `loadleak run`'s flags (e.g. --duration-scale 0.2 --out DIR); the sample's config next to the
// executable sets the load, and ScenariosSettings there override the code by name. Without that file the
// scenario runs with the settings its code gives it: a project with scenarios in code needs no config.
var config = Path.Combine(AppContext.BaseDirectory, "codefirst-config.json");
var runner = LoadLeakRunner.RegisterScenarios(QueryScenario.Create());
return (File.Exists(config) ? runner.LoadConfig(config) : runner).Run(args);
