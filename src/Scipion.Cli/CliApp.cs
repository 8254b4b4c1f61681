using System.CommandLine;
using Scipion.Cli.Commands;

namespace Scipion.Cli;

/// <summary>The scipion command tree; tests call <see cref="RunAsync"/> in-process with their own context.</summary>
public static class CliApp
{
    public static RootCommand Build(CliContext context) => new("scipion: projects, uploads, runs and downloads on a Scipion.Functions host")
    {
        LoginCommand.Create(context),
        ProjectsCommand.Create(context),
        UploadCommand.Create(context),
        DownloadCommand.Create(context),
        RunsCommand.Create(context),
        IngestCommand.Create(context),
    };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parsed = Build(context).Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = context.Console.Profile.Out.Writer,
            Error = context.Error,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
