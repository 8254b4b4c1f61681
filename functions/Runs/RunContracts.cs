using System.Text.Json.Nodes;
using Scipion.Core.Runs;
using Scipion.Core.Tools;

namespace Scipion.Functions.Runs;

public sealed record StartRunRequest(string? Tool, JsonObject? Inputs, JsonObject? Parameters);

public sealed record StartRunResponse(string RunId, string Status, string StatusUrl);

public sealed record RunStepResponse(string Name, string Status, string Backend, string? JobId, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? Progress);

public sealed record RunResponse(
    string RunId,
    string Tool,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    JsonObject Inputs,
    JsonObject Parameters,
    IReadOnlyList<RunStepResponse> Steps,
    IReadOnlyList<string> Outputs,
    RunProblem? Error)
{
    public static RunResponse From(Run run) => new(
        run.RunId, run.Tool, run.Status.ToString(), run.CreatedAt, run.UpdatedAt, run.CreatedBy, run.Inputs, run.Parameters,
        [.. run.Steps.Select(s => new RunStepResponse(s.Name, s.Status.ToString(), s.Backend, s.JobId, s.StartedAt, s.FinishedAt, s.Progress))],
        run.Outputs,
        run.Error);
}

public sealed record ToolResponse(string Name, string Title, string Description, JsonObject Parameters, JsonObject Inputs)
{
    public static ToolResponse From(IWebTool tool) => new(tool.Name, tool.Title, tool.Description, tool.ParametersSchema, tool.InputsSchema);
}
