using System.Text.Json.Nodes;

namespace Scipion.Core.Runs;

/// <summary>
/// A web tool or pipeline started on a project. The durable orchestration (instance id = run id) drives it;
/// this record is what users see, updated by the orchestration as it goes. <see cref="InputFiles"/> are the
/// project files the inputs named when the run started, frozen so the run can be repeated exactly.
/// </summary>
public sealed record Run(
    string ProjectId,
    string RunId,
    string Tool,
    RunStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    JsonObject Inputs,
    JsonObject Parameters,
    IReadOnlyList<string> InputFiles,
    IReadOnlyList<RunStep> Steps,
    IReadOnlyList<string> Outputs,
    RunProblem? Error)
{
    /// <summary>Where the run's outputs live inside the project folder.</summary>
    public string OutputFolder => RunFolder(RunId);

    public static string RunFolder(string runId) => $"Runs/{runId}/";

    public bool IsStreaming => Parameters["streaming"] is JsonValue value && value.TryGetValue<bool>(out var streaming) && streaming;
}
