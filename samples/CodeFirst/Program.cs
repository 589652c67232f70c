using CodeFirst;
using LoadLeak;

// The args are `loadleak run`'s flags (e.g. --duration-scale 0.2 --out DIR); without --config the sample's
// config next to the executable sets the load, and ScenariosSettings there override the code by name.
var config = Path.Combine(AppContext.BaseDirectory, "codefirst-config.json");
return LoadLeakRunner
    .RegisterScenarios(QueryScenario.Create())
    .LoadConfig(config)
    .Run(args);
