using Scipion.LocalHost;

await LocalHostApp.Create(args).RunAsync();
