using Scipion.Core.Compute;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>Does one thing to a step's job on its compute backend and shows the job's state on the run's step.</summary>
public sealed class StepTracker(IRunRepository runs, RunWorkspace workspace, ComputeRouter compute, TimeProvider clock)
{
    /// <summary>
    /// Submits the step's job (idempotent: a job the backend has is only looked at). For a backend that reaches
    /// project storage itself, the job is told every file of the run, which is published first, and a finished
    /// job's outputs are fetched back into the work folder for reports and later steps.
    /// </summary>
    public Task<StepState> SubmitAsync(StepRef step) => TrackAsync(step, async (backend, job, run) =>
    {
        if (backend.Files == JobFiles.InProjectStorage)
        {
            job = job with { Inputs = await workspace.ShareAsync(run, job.OutputFolder, CancellationToken.None) };
        }

        var status = await backend.SubmitAsync(job);
        // A failed job's folder holds the logs the user needs, so it comes back too and shows among the run's outputs.
        if (backend.Files == JobFiles.InProjectStorage && status.State is JobState.Completed or JobState.Failed)
        {
            await workspace.FetchAsync(run, job.OutputFolder, CancellationToken.None);
        }

        return status;
    });

    /// <summary>Stops the step's job (cancel of the run).</summary>
    public Task<StepState> CancelAsync(StepRef step) => TrackAsync(step, (backend, job, _) => backend.CancelAsync(job.Id));

    private async Task<StepState> TrackAsync(StepRef step, Func<IComputeBackend, JobDescription, RunRef, Task<JobStatus>> act)
    {
        var run = await runs.FindAsync(step.Run.ProjectId, step.Run.RunId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Run {step.Run.RunId} has no record.");
        var planned = workspace.Plan(run, step.Batch).Steps[step.Step];
        var (backend, job) = compute.Route(planned.Name, planned.Job, run.Parameters);
        var status = await act(backend, job with { ProjectId = run.ProjectId }, step.Run);
        var state = StateOf(status.State);
        var now = clock.GetUtcNow();
        await runs.UpdateAsync(run.ProjectId, run.RunId, r => r with
        {
            UpdatedAt = now,
            Steps = [.. r.Steps.Select(s => s.JobId != status.Id.Value ? s : s with
            {
                Status = state,
                StartedAt = status.StartedAt ?? s.StartedAt ?? (state == RunStatus.Pending ? null : now),
                FinishedAt = state.IsFinished() ? status.FinishedAt ?? now : null,
                Progress = state == RunStatus.Completed ? 1 : status.Progress ?? s.Progress,
            })],
        }, CancellationToken.None);

        var name = PrepareRunActivity.StepName(planned.Name, step.Batch);
        return new StepState(state.ToString(), state == RunStatus.Failed ? RunProblems.JobFailed(name, status) : null);
    }

    private static RunStatus StateOf(JobState state) => state switch
    {
        JobState.Pending => RunStatus.Pending,
        JobState.Running => RunStatus.Running,
        JobState.Completed => RunStatus.Completed,
        JobState.Failed => RunStatus.Failed,
        _ => RunStatus.Canceled,
    };
}
