using Microsoft.DurableTask;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>One plan of a run, as orchestration code: stage and plan, each job submitted then polled, then reports and outputs.</summary>
internal static class RunBatch
{
    /// <param name="inStream">A streaming run's new movie: its end is not the run's, and a cancel is the run's to finish.</param>
    /// <returns>The run's final status when this batch ended the run; null when a streaming run goes on.</returns>
    public static async Task<string?> RunAsync(TaskOrchestrationContext context, BatchRequest request, Task<bool> cancel, bool inStream)
    {
        var (run, batch) = (request.Run, request.Batch);
        var newFiles = request.NewFile is null ? null : new[] { request.NewFile };
        var prepared = await context.CallActivityAsync<PreparedBatch>(nameof(PrepareRunActivity), new PrepareRequest(run, batch, newFiles), RunRetries.Options);
        if (prepared.Problem is not null)
        {
            return await EndAsync(context, request, RunStatus.Failed, prepared.Problem, final: !inStream);
        }

        if (inStream && prepared.StepCount == 0)
        {
            return null;
        }

        for (var step = 0; step < prepared.StepCount; step++)
        {
            var target = new StepRef(run, batch, step);
            var state = await context.CallActivityAsync<StepState>(nameof(StartStepActivity), target, RunRetries.Options);
            while (!state.Finished)
            {
                using var timerCancel = new CancellationTokenSource();
                var timer = context.CreateTimer(TimeSpan.FromSeconds(prepared.PollSeconds), timerCancel.Token);
                if (await Task.WhenAny(timer, cancel) == cancel)
                {
                    timerCancel.Cancel();
                    await context.CallActivityAsync<StepState>(nameof(CancelStepActivity), target, RunRetries.Options);
                    return await CanceledAsync(context, request, inStream);
                }

                state = await context.CallActivityAsync<StepState>(nameof(PollStepActivity), target, RunRetries.Options);
            }

            if (state.State != nameof(RunStatus.Completed))
            {
                return await EndAsync(context, request, Enum.Parse<RunStatus>(state.State), state.Problem, final: !inStream);
            }
        }

        if (cancel.IsCompleted)
        {
            return await CanceledAsync(context, request, inStream);
        }

        var final = !prepared.Streaming && !inStream;
        var status = await context.CallActivityAsync<string>(nameof(FinishRunActivity), new FinishRequest(run, batch, nameof(RunStatus.Completed), null, final), RunRetries.Options);
        return final || status != nameof(RunStatus.Running) ? status : null;
    }

    public static Task<string> EndAsync(TaskOrchestrationContext context, BatchRequest request, RunStatus status, RunProblem? problem, bool final) =>
        context.CallActivityAsync<string>(nameof(FinishRunActivity), new FinishRequest(request.Run, request.Batch, status.ToString(), problem, final), RunRetries.Options);

    private static async Task<string?> CanceledAsync(TaskOrchestrationContext context, BatchRequest request, bool inStream) =>
        inStream ? nameof(RunStatus.Canceled) : await EndAsync(context, request, RunStatus.Canceled, null, final: true);
}
