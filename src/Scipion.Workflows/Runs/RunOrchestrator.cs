using Microsoft.DurableTask;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>
/// Runs one web tool or pipeline: stage and plan, then each job in turn (submitted, then polled on a durable
/// timer), then reports and outputs. A streaming pipeline then waits for new movies and processes each as a new
/// batch. A "Cancel" event stops the running job's processes. All state lives in the orchestration history, so a
/// host that dies mid-run resumes where it was: completed steps are not run again.
/// </summary>
[DurableTask(nameof(RunOrchestrator))]
public sealed class RunOrchestrator : TaskOrchestrator<RunState, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RunState state)
    {
        var cancel = context.WaitForExternalEvent<bool>(RunEvents.Cancel);
        var run = state.Run;
        var seen = state.Seen.ToHashSet(StringComparer.Ordinal);
        var batch = state.Batch;

        if (batch == 0)
        {
            var outcome = await RunBatchAsync(context, run, 0, newFiles: null, cancel);
            if (outcome is not null)
            {
                return outcome;
            }
        }

        // No ContinueAsNew here: measured with the local sidecar, a NewFile event raised while the orchestration
        // restarted itself was lost and the run stopped taking movies, so the history grows with the movies instead.
        while (true)
        {
            var arrival = context.WaitForExternalEvent<string>(RunEvents.NewFile);
            if (await Task.WhenAny(arrival, cancel) == cancel)
            {
                return await FinishAsync(context, run, batch, RunStatus.Canceled, null);
            }

            if (!seen.Add(arrival.Result))
            {
                continue;
            }

            batch++;
            var path = arrival.Result[..arrival.Result.LastIndexOf('\n')];
            var outcome = await RunBatchAsync(context, run, batch, [path], cancel);
            if (outcome is not null)
            {
                return outcome;
            }
        }
    }

    /// <returns>The run's final status when it ended here; null when a streaming run goes on waiting.</returns>
    private static async Task<string?> RunBatchAsync(TaskOrchestrationContext context, RunRef run, int batch, IReadOnlyList<string>? newFiles, Task<bool> cancel)
    {
        var prepared = await context.CallActivityAsync<PreparedBatch>(nameof(PrepareRunActivity), new PrepareRequest(run, batch, newFiles));
        if (prepared.Problem is not null)
        {
            return await FinishAsync(context, run, batch, RunStatus.Failed, prepared.Problem);
        }

        for (var step = 0; step < prepared.StepCount; step++)
        {
            var target = new StepRef(run, batch, step);
            var state = await context.CallActivityAsync<StepState>(nameof(StartStepActivity), target);
            while (!state.Finished)
            {
                using var timerCancel = new CancellationTokenSource();
                var timer = context.CreateTimer(TimeSpan.FromSeconds(prepared.PollSeconds), timerCancel.Token);
                if (await Task.WhenAny(timer, cancel) == cancel)
                {
                    timerCancel.Cancel();
                    await context.CallActivityAsync<StepState>(nameof(CancelStepActivity), target);
                    return await FinishAsync(context, run, batch, RunStatus.Canceled, null);
                }

                state = await context.CallActivityAsync<StepState>(nameof(PollStepActivity), target);
            }

            if (state.State != nameof(RunStatus.Completed))
            {
                return await FinishAsync(context, run, batch, Enum.Parse<RunStatus>(state.State), state.Problem);
            }
        }

        if (cancel.IsCompleted)
        {
            return await FinishAsync(context, run, batch, RunStatus.Canceled, null);
        }

        var status = await context.CallActivityAsync<string>(nameof(FinishRunActivity), new FinishRequest(run, batch, nameof(RunStatus.Completed), null, Final: !prepared.Streaming));
        return prepared.Streaming && status == nameof(RunStatus.Running) ? null : status;
    }

    private static Task<string> FinishAsync(TaskOrchestrationContext context, RunRef run, int batch, RunStatus status, RunProblem? problem) =>
        context.CallActivityAsync<string>(nameof(FinishRunActivity), new FinishRequest(run, batch, status.ToString(), problem, Final: true));
}
