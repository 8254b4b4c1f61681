using Microsoft.DurableTask;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>
/// One new movie of a streaming run, from staging to its aligned micrograph in the project. A failure fails this
/// movie's steps, not the run; a "Cancel" event (sent by the run) stops its job and leaves the ending to the run.
/// </summary>
[DurableTask(nameof(StreamingBatchOrchestrator))]
public sealed class StreamingBatchOrchestrator : TaskOrchestrator<BatchRequest, string>
{
    public static string InstanceId(BatchRequest request) => $"{request.Run.RunId}~{request.Batch}";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, BatchRequest request)
    {
        var cancel = context.WaitForExternalEvent<bool>(RunEvents.Cancel);
        try
        {
            return await RunBatch.RunAsync(context, request, cancel, inStream: true) ?? nameof(RunStatus.Running);
        }
        catch (TaskFailedException failure)
        {
            return await RunBatch.EndAsync(context, request, RunStatus.Failed,
                RunProblems.ActivityFailed(failure.TaskName, failure.FailureDetails.ErrorMessage), final: false);
        }
    }
}
