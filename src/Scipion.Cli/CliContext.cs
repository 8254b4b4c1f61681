using Spectre.Console;

namespace Scipion.Cli;

/// <summary>
/// Everything the commands take from the outside world, so tests can run the CLI in-process with their own
/// console, configuration folder, environment and HTTP handlers (to count or interrupt storage requests).
/// </summary>
public sealed class CliContext
{
    public IAnsiConsole Console { get; init; } = AnsiConsole.Console;

    public TextWriter Error { get; init; } = System.Console.Error;

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where config.json and upload journals live: SCIPION_HOME, else ~/.scipion.</summary>
    public string ConfigDirectory => Environment("SCIPION_HOME") is { Length: > 0 } home
        ? home
        : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".scipion");

    /// <summary>Handler for calls to the API; null uses a default one.</summary>
    public HttpMessageHandler? ApiHandler { get; init; }

    /// <summary>Handler for calls straight to storage with signed URLs; null uses a default one.</summary>
    public HttpMessageHandler? StorageHandler { get; init; }

    /// <summary>Live tables and progress bars only on a terminal; plain lines in logs, pipes and tests.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;

    /// <summary>A plain line on stdout: never wrapped or styled, whatever the terminal's width, so logs and scripts read it whole.</summary>
    public void WriteLine(string text)
    {
        var writer = Console.Profile.Out.Writer;
        lock (writer)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
