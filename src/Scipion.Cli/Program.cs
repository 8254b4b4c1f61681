using Scipion.Cli;

return await CliApp.RunAsync(args, new CliContext());
