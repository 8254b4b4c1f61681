using Microsoft.DurableTask;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>
/// Runs one web tool or pipeline: stage and plan, then each job in turn (submitted, then polled on a durable
/// timer), then reports and outputs. A streaming pipeline then goes on taking new movies, each one a batch of its
/// own, several side by side in this orchestration. A "Cancel" event stops the running jobs' processes. All state lives in the orchestration history, so a host that dies mid-run
/// resumes where it was: completed steps are not run again.
/// </summary>
[DurableTask(nameof(RunOrchestrator))]
public sealed class RunOrchestrator : TaskOrchestrator<RunState, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, RunState state)
    {
        try
        {
            var cancel = context.WaitForExternalEvent<bool>(RunEvents.Cancel);
            return await RunBatch.RunAsync(context, new BatchRequest(state.Run, 0, null), cancel, inStream: false)
                ?? await StreamAsync(context, state, cancel);
        }
        catch (TaskFailedException failure)
        {
            // An activity that failed for good (storage down past its retries, a bug) must still leave the run
            // record saying so: otherwise the user sees "Running" forever.
            return await RunBatch.EndAsync(context, new BatchRequest(state.Run, 0, null), RunStatus.Failed,
                RunProblems.ActivityFailed(failure.TaskName, failure.FailureDetails.ErrorMessage), final: true);
        }
    }

    // No ContinueAsNew, and no sub-orchestration per movie: measured with the local sidecar, an event raised while
    // the orchestration restarted itself was lost, and a sub-orchestration's start message could not be read back
    // (its tags serialised as a protobuf type). So the movies' batches interleave here and the history grows with them.
    // Movies come from two sources: upload events, and a reconciliation pass (an activity listing the project's movies)
    // when streaming starts and then on a durable timer. Only one pass or one timer is pending at a time, so an idle
    // run's history grows by four events per pass, never by more.
    private static async Task<string> StreamAsync(TaskOrchestrationContext context, RunState state, Task<bool> cancel)
    {
        // A movie is its path: whichever source brings it first, it is taken once. A movie written again under the
        // same name (a new ETag) is not taken again, as RELION's on-the-fly processing imports a file name once.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var waiting = new Queue<BatchRequest>();
        var running = new HashSet<Task>();
        var batch = 0;
        var arrival = context.WaitForExternalEvent<string>(RunEvents.NewFile);
        var reconcile = new Reconciliation(context, state.Run);
        while (true)
        {
            var next = await Task.WhenAny([arrival, cancel, reconcile.Pending, .. running]);
            if (next == cancel)
            {
                reconcile.Stop();

                // Each running batch sees the cancel at its next poll and stops its job; the run ends after them.
                await Task.WhenAll(running);
                return await RunBatch.EndAsync(context, new BatchRequest(state.Run, batch, null), RunStatus.Canceled, null, final: true);
            }

            IEnumerable<string> movies = [];
            if (next == arrival)
            {
                // The event says "path\nETag"; the ETag only tells uploads of one path apart, which a run does not.
                movies = [arrival.Result[..arrival.Result.LastIndexOf('\n')]];
                arrival = context.WaitForExternalEvent<string>(RunEvents.NewFile);
            }
            else if (next == reconcile.Pending)
            {
                movies = reconcile.Advance();
            }
            else
            {
                // A movie's batch ended; it recorded its own steps, outputs and failure, and the run goes on.
                running.Remove(next);
            }

            foreach (var movie in movies)
            {
                if (!taken.Add(movie))
                {
                    continue;
                }

                batch++;
                waiting.Enqueue(new BatchRequest(state.Run, batch, movie));
            }

            while (waiting.Count > 0 && running.Count < state.ParallelBatches)
            {
                running.Add(StreamingBatchAsync(context, waiting.Dequeue(), cancel));
            }
        }
    }

    /// <summary>One new movie: a failure fails this movie's steps, not the run.</summary>
    private static async Task StreamingBatchAsync(TaskOrchestrationContext context, BatchRequest request, Task<bool> cancel)
    {
        try
        {
            await RunBatch.RunAsync(context, request, cancel, inStream: true);
        }
        catch (TaskFailedException failure)
        {
            await RunBatch.EndAsync(context, request, RunStatus.Failed,
                RunProblems.ActivityFailed(failure.TaskName, failure.FailureDetails.ErrorMessage), final: false);
        }
    }
}
