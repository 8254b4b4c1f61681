using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>Problems a run can end with, each saying what went wrong and where.</summary>
public static class RunProblems
{
    private const string Base = "https://scipion.functions/problems/";

    public static RunProblem InvalidInput(ScipionError error) => new(
        Base + "invalid-input",
        "The run's inputs cannot be processed",
        error.Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))) : error.Message);

    public static RunProblem JobFailed(string step, JobStatus status) => new(
        Base + "job-failed",
        $"Step '{step}' failed",
        status.Message ?? $"The job {status.Id} ended {status.State}{(status.ExitCode is { } code ? $" with exit code {code}" : string.Empty)}.",
        step,
        status.LogTail);

    public static RunProblem Unexpected(string where, Exception error) => new(
        Base + "internal",
        $"The run failed while {where}",
        $"{error.GetType().Name}: {error.Message}");

    public static RunProblem ActivityFailed(string activity, string message) => new(
        Base + "internal",
        $"The run failed in {activity}",
        $"{message} (after {RunRetries.Attempts} attempts)");
}
