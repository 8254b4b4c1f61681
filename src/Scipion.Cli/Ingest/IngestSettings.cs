namespace Scipion.Cli.Ingest;

public sealed record IngestSettings
{
    public required string Root { get; init; }

    public required string ProjectId { get; init; }

    /// <summary>Project folder the acquisition folder maps onto; sub-paths are kept under it.</summary>
    public string Prefix { get; init; } = "Movies/";

    public required string JournalPath { get; init; }

    /// <summary>A movie is complete once its size and time stamp have not changed for this long (and no writer holds it).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stop after this long with nothing new and nothing pending; null runs until interrupted.</summary>
    public TimeSpan? ExitWhenIdle { get; init; }

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);
}
