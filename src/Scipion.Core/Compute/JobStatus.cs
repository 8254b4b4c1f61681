namespace Scipion.Core.Compute;

/// <summary>
/// Where a job stands. <see cref="LogTail"/> is the end of its stdout and stderr, so a failure
/// can be shown to the user without fetching the whole log.
/// </summary>
public sealed record JobStatus(
    JobId Id,
    JobState State,
    int? ExitCode = null,
    double? Progress = null,
    string LogTail = "",
    string? Message = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null);
