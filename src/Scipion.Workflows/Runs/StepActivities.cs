using Microsoft.DurableTask;
using Scipion.Core.Compute;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>Submits a step's job; submitting again returns the job already there (job ids derive from run and step).</summary>
[DurableTask(nameof(StartStepActivity))]
public sealed class StartStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.TrackAsync(step, (backend, job) => backend.SubmitAsync(job));
}

[DurableTask(nameof(PollStepActivity))]
public sealed class PollStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.TrackAsync(step, (backend, job) => backend.GetStatusAsync(job.Id));
}

/// <summary>Stops the step's processes (cancel of the run).</summary>
[DurableTask(nameof(CancelStepActivity))]
public sealed class CancelStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.TrackAsync(step, (backend, job) => backend.CancelAsync(job.Id));
}
