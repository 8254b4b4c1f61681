using System.Text.Json;

namespace Scipion.Cli.Api;

// The JSON shapes of the REST contract (shared/docs/contract.md) that the CLI reads.

public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed record Member(string User, string Role);

public sealed record ProjectInfo(string Id, string Name, string Description, string Owner, DateTimeOffset CreatedAt, IReadOnlyList<Member> Members);

public sealed record UploadGrant(Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed record FileEntry(string Path, long Size, DateTimeOffset LastModified, string? ContentType);

/// <summary>One page of a project's listing; <see cref="ContinuationToken"/> asks for the next, null at the end.</summary>
public sealed record FileListPage(List<FileEntry> Files, string? ContinuationToken);

public sealed record StartedRun(string RunId, string Status, string StatusUrl);

public sealed record RunStep(string Name, string Status, string? Backend, string? JobId, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? Progress);

public sealed record RunProblem(string? Type, string? Title, string? Detail, int? Status);

public sealed record RunInfo(
    string RunId,
    string Tool,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<RunStep> Steps,
    IReadOnlyList<string> Outputs,
    RunProblem? Error)
{
    public bool IsFinished => Status is "Completed" or "Failed" or "Canceled";
}

public sealed record ToolInfo(string Name, string Title, string Description, JsonElement Parameters, JsonElement Inputs);
