using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Runs;
using Scipion.Reports;

namespace Scipion.Workflows.Runs;

/// <summary>
/// Draws the run's pictures, writes its report, uploads its outputs into the project (failed runs too: their
/// logs are what the user needs) and records the outcome. A streaming run calls it after each batch with Final false.
/// </summary>
[DurableTask(nameof(FinishRunActivity))]
public sealed class FinishRunActivity(IRunRepository runs, RunWorkspace workspace, ComputeRouter router, TimeProvider clock, ILogger<FinishRunActivity> logger)
    : TaskActivity<FinishRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, FinishRequest request)
    {
        var run = await runs.FindAsync(request.Run.ProjectId, request.Run.RunId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Run {request.Run.RunId} has no record.");
        var status = Enum.Parse<RunStatus>(request.Status);
        var problem = request.Problem;
        if (status == RunStatus.Completed && run.Steps.Count > 0)
        {
            try
            {
                ToolReports.Write(workspace.Plan(run, request.Batch));
            }
            catch (Exception e) when (e is IOException or FormatException or ScipionError or KeyNotFoundException or InvalidOperationException)
            {
                logger.LogWarning(e, "Run {Run}: the jobs finished but their results could not be read", run.RunId);
                (status, problem) = (RunStatus.Failed, RunProblems.Unexpected("reading the results of its jobs", e));
            }
        }

        IReadOnlyList<string> outputs;
        try
        {
            // Movies of a streaming run finish side by side, and all publish from the same folder.
            using var exclusive = await workspace.LockAsync(request.Run);
            await RunReport.WriteAsync(workspace.DirectoryOf(request.Run), run with { Status = request.Final ? status : RunStatus.Running, Error = problem ?? run.Error });
            outputs = await workspace.PublishAsync(request.Run, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The work folder itself is broken (full, gone, not writable): the outcome must still be recorded,
            // and a run whose outputs cannot be published has not completed.
            logger.LogWarning(e, "Run {Run}: its report and outputs could not be published", run.RunId);
            outputs = run.Outputs;
            if (status != RunStatus.Failed)
            {
                (status, problem) = (RunStatus.Failed, RunProblems.Unexpected("publishing its outputs", e));
            }
        }

        // A streaming run's movie that failed shows as the run's latest problem, and the run goes on.
        var final = request.Final;
        await runs.UpdateAsync(run.ProjectId, run.RunId, r => r with
        {
            Status = final ? status : RunStatus.Running,
            Error = problem ?? r.Error,
            Outputs = outputs,
            UpdatedAt = clock.GetUtcNow(),
            Steps = status == RunStatus.Canceled
                ? [.. r.Steps.Select(s => s.Status.IsFinished() ? s : s with { Status = RunStatus.Canceled, FinishedAt = clock.GetUtcNow() })]
                : r.Steps,
        }, CancellationToken.None);
        if (final)
        {
            await ReleaseComputeAsync(run);

            // Last, so that nothing after it can fail and replay this activity against a folder that is gone.
            if (!workspace.Remove(request.Run))
            {
                logger.LogWarning("Run {Run}: its work folder could not be deleted yet; the project's deletion removes it", run.RunId);
            }
        }

        return final ? status.ToString() : nameof(RunStatus.Running);
    }

    /// <summary>
    /// Lets the run's backends free what they keep per run (Azure Batch: the run's open jobs). The outcome is recorded
    /// already and must stand, so a backend that cannot release is logged, not turned into a failed run.
    /// </summary>
    private async Task ReleaseComputeAsync(Run run)
    {
        try
        {
            await router.ReleaseRunAsync(run.ProjectId, run.RunId, run.Steps.Select(s => s.Backend), CancellationToken.None);
        }
        catch (AggregateException e)
        {
            logger.LogWarning(e, "Run {Run}: a compute backend could not release the run's resources", run.RunId);
        }
    }
}
