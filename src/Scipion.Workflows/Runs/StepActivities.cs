using Microsoft.DurableTask;

namespace Scipion.Workflows.Runs;

/// <summary>Submits a step's job; submitting again returns the job already there (job ids derive from run and step).</summary>
[DurableTask(nameof(StartStepActivity))]
public sealed class StartStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.SubmitAsync(step);
}

/// <summary>
/// Looks at a step's job, through an idempotent submit rather than a plain status query: a running or finished
/// job is only observed, but a job whose host died with it (the local host killed mid-run) is started again,
/// which is what lets a restarted host resume the run.
/// </summary>
[DurableTask(nameof(PollStepActivity))]
public sealed class PollStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.SubmitAsync(step);
}

/// <summary>Stops the step's processes (cancel of the run).</summary>
[DurableTask(nameof(CancelStepActivity))]
public sealed class CancelStepActivity(StepTracker steps) : TaskActivity<StepRef, StepState>
{
    public override Task<StepState> RunAsync(TaskActivityContext context, StepRef step) =>
        steps.CancelAsync(step);
}
