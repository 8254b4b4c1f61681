namespace Scipion.Core.Runs;

/// <summary>One job of a run, as the user follows it: where it runs, how far it got.</summary>
public sealed record RunStep(
    string Name,
    RunStatus Status,
    string Backend,
    string? JobId = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    double? Progress = null);
