namespace Scipion.Core.Compute.Sites;

/// <summary>
/// What a site says about a job (the <c>site-reports</c> queue): sent when its state changes and once more when
/// it has finished and its outputs are uploaded (<see cref="Final"/>).
/// </summary>
public sealed record SiteJobReport(
    string JobId,
    string Site,
    JobState State,
    int? ExitCode,
    string? Message,
    string LogTail,
    bool Final,
    IReadOnlyList<string> Downloaded,
    IReadOnlyList<string> Uploaded,
    DateTimeOffset At);
