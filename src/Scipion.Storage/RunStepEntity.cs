using Azure;
using Azure.Data.Tables;
using Scipion.Core.Runs;

namespace Scipion.Storage;

/// <summary>
/// One row per step of a run, beside the run's row: row key <c>{runId}~s{position}</c>, so a run's steps sort in
/// order and a range query reads them. Rows keep each step small and independent, so a streaming
/// run can grow to any number of movies (as one JSON column, steps outgrew a table property after 75 movies).
/// </summary>
internal sealed class RunStepEntity : ITableEntity
{
    private const string Marker = "~s";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Kind { get; set; } = RunRowKinds.Step;

    public string RunId { get; set; } = string.Empty;

    public int Position { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    public string Backend { get; set; } = string.Empty;

    public string? JobId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public double? Progress { get; set; }

    public static string KeyOf(string runId, int position) => $"{runId}{Marker}{position:D7}";

    /// <summary>Every step row of one run: keys after "{runId}~s" and before "{runId}~t".</summary>
    public static string RangeFilter(string projectId, string runId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey gt {runId + Marker} and RowKey lt {runId + "~t"}");

    public static RunStepEntity From(string projectId, string runId, int position, RunStep step) => new()
    {
        PartitionKey = projectId,
        RowKey = KeyOf(runId, position),
        RunId = runId,
        Position = position,
        Name = step.Name,
        Status = step.Status.ToString(),
        Backend = step.Backend,
        JobId = step.JobId,
        StartedAt = step.StartedAt,
        FinishedAt = step.FinishedAt,
        Progress = step.Progress,
    };

    public RunStep ToStep() => new(Name, Enum.Parse<RunStatus>(Status), Backend, JobId, StartedAt, FinishedAt, Progress);
}
