using System.Globalization;
using System.Text.Json;
using Scipion.Core.Compute;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// Reads a Tasks_GetTask answer (<c>BatchTask</c> in the spec): <c>state</c> (active, preparing, running,
/// completed) and <c>executionInfo</c> (exitCode, result success/failure, failureInfo) as a <see cref="JobStatus"/>.
/// </summary>
internal static class BatchTaskState
{
    public static JobStatus Read(JobId id, JsonElement task, string poolId, bool canceled)
    {
        string state = Text(task, "state") ?? "active";
        var execution = task.TryGetProperty("executionInfo", out var info) && info.ValueKind == JsonValueKind.Object ? info : (JsonElement?)null;
        var started = Time(execution, "startTime");
        var ended = Time(execution, "endTime");
        int? exitCode = execution is { } e && e.TryGetProperty("exitCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;

        switch (state)
        {
            case "active":
                return new JobStatus(id, JobState.Pending,
                    Message: $"Queued in Azure Batch pool {poolId}; an idle pool scales up from zero nodes, which takes several minutes.");
            case "preparing":
                return new JobStatus(id, JobState.Pending, Message: $"A node of pool {poolId} is preparing to run it.", StartedAt: started);
            case "running":
                return new JobStatus(id, JobState.Running, StartedAt: started);
            case "completed":
                break;
            default:
                return new JobStatus(id, JobState.Pending, Message: $"Azure Batch reports the unfamiliar task state '{state}'.");
        }

        if (canceled)
        {
            return new JobStatus(id, JobState.Canceled, exitCode, Message: "Canceled.", StartedAt: started, FinishedAt: ended);
        }

        string? result = Text(execution, "result");
        var failure = execution is { } x && x.TryGetProperty("failureInfo", out var f) && f.ValueKind == JsonValueKind.Object ? f : (JsonElement?)null;
        bool succeeded = result is not null ? result == "success" : failure is null && exitCode == 0;
        if (succeeded)
        {
            return new JobStatus(id, JobState.Completed, exitCode, 1.0, StartedAt: started, FinishedAt: ended);
        }

        return new JobStatus(id, JobState.Failed, exitCode, Message: FailureMessage(failure, exitCode), StartedAt: started, FinishedAt: ended);
    }

    /// <summary>
    /// failureInfo says why Batch itself failed the task (category usererror/servererror, a code, a message and
    /// name/value details); without it the command simply exited non-zero.
    /// </summary>
    private static string FailureMessage(JsonElement? failure, int? exitCode)
    {
        string exit = exitCode is { } c ? $"exited with code {c.ToString(CultureInfo.InvariantCulture)}" : "did not finish";
        if (failure is not { } info)
        {
            return $"The task {exit}.";
        }

        string who = Text(info, "category") == "servererror" ? "Azure Batch could not run the task" : "The task failed";
        string text = $"{who} ({Text(info, "code") ?? "no code"}): {Text(info, "message") ?? exit}";
        if (info.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            var pairs = details.EnumerateArray().Select(d => $"{Text(d, "name")}={Text(d, "value")}").ToList();
            if (pairs.Count > 0)
            {
                text += $" ({string.Join(", ", pairs)})";
            }
        }

        return text.TrimEnd('.') + ".";
    }

    private static string? Text(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(JsonElement? element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
}
