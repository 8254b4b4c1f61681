using Spectre.Console;

namespace Scipion.Cli.Tests;

/// <summary>
/// Runs the scipion CLI in-process as a user would run it: its own ~/.scipion (SCIPION_HOME), a non-terminal console
/// (so plain lines), and handlers that count what it sends to the API and to storage.
/// </summary>
public sealed class CliRun
{
    public string Home { get; } = Directory.CreateTempSubdirectory("scipion-home-").FullName;

    public CountingHandler Storage { get; private set; } = new();

    public CountingHandler ApiCalls { get; private set; } = new();

    /// <summary>Fresh counters for the next command.</summary>
    public void ResetCounters()
    {
        Storage = new CountingHandler();
        ApiCalls = new CountingHandler();
    }

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (outputText, errorText) = (new StringWriter(), new StringWriter());
        var (output, error) = (TextWriter.Synchronized(outputText), TextWriter.Synchronized(errorText));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var context = new CliContext
        {
            Console = console,
            Error = error,
            Environment = name => name == "SCIPION_HOME" ? Home : null,
            ApiHandler = ApiCalls,
            StorageHandler = Storage,
        };
        var exit = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliResult(exit, outputText.ToString(), errorText.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
