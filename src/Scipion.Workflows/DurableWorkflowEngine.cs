using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Scipion.Core.Runs;
using Scipion.Workflows.Runs;

namespace Scipion.Workflows;

/// <summary>Runs are Durable Task orchestrations whose instance id is the run id.</summary>
public sealed class DurableWorkflowEngine(DurableTaskClient client, WorkflowOptions options) : IWorkflowEngine
{
    public async Task StartAsync(Run run, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(run.RunId, cancellationToken) is not null)
        {
            return;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(RunOrchestrator),
            new RunState(new RunRef(run.ProjectId, run.RunId), options.ParallelStreamingBatches),
            new StartOrchestrationOptions(run.RunId),
            cancellationToken);
    }

    public Task CancelAsync(Run run, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(run.RunId, RunEvents.Cancel, true, cancellationToken);

    public Task NotifyNewFileAsync(Run run, NewFile file, CancellationToken cancellationToken) =>
        // The ETag tells uploads of one path apart in logs; the run takes a path once, whatever its ETag.
        client.RaiseEventAsync(run.RunId, RunEvents.NewFile, $"{file.Path}\n{file.ETag}", cancellationToken);
}
