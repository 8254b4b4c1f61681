using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Events;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>Stages a batch's inputs, plans its jobs and shows them as steps of the run. Safe to repeat.</summary>
[DurableTask(nameof(PrepareRunActivity))]
public sealed class PrepareRunActivity(IRunRepository runs, RunWorkspace workspace, ComputeRouter compute, IOptions<WorkflowOptions> options, TimeProvider clock)
    : TaskActivity<PrepareRequest, PreparedBatch>
{
    public override async Task<PreparedBatch> RunAsync(TaskActivityContext context, PrepareRequest request)
    {
        var poll = options.Value.PollInterval.TotalSeconds;
        var run = await runs.FindAsync(request.Run.ProjectId, request.Run.RunId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Run {request.Run.RunId} has no record.");
        try
        {
            if (request.Batch > 0 && request.NewFiles is [var arrival])
            {
                if (run.InputFiles.Contains(arrival, StringComparer.Ordinal))
                {
                    // The event of a movie the run started with, arriving late: the first batch has it already.
                    return new PreparedBatch(0, run.IsStreaming, poll, null);
                }

                await workspace.RememberArrivalAsync(request.Run, request.Batch, arrival, CancellationToken.None);
            }

            await workspace.StageAsync(request.Run, request.NewFiles ?? run.InputFiles, CancellationToken.None);
            // Input files also hold files that parameters name (a gain reference): a streaming run that starts with
            // no movie waits for its first one whatever else it staged.
            if (request.Batch == 0 && run.IsStreaming && !run.InputFiles.Any(f => StreamingMovies.Takes(run, f)))
            {
                await runs.UpdateAsync(run.ProjectId, run.RunId, r => r with { Status = RunStatus.Running, UpdatedAt = clock.GetUtcNow() }, CancellationToken.None);
                return new PreparedBatch(0, true, poll, null);
            }

            var plan = workspace.Plan(run, request.Batch);
            var steps = plan.Steps.Select(s => new RunStep(StepName(s.Name, request.Batch), RunStatus.Pending, compute.Route(s.Name, s.Job, run.Parameters).Backend.Name, s.Job.Id.Value)).ToList();
            await runs.UpdateAsync(run.ProjectId, run.RunId, r => r with
            {
                Status = RunStatus.Running,
                UpdatedAt = clock.GetUtcNow(),
                Steps = [.. r.Steps.Where(existing => steps.All(s => s.JobId != existing.JobId)), .. steps],
            }, CancellationToken.None);
            return new PreparedBatch(steps.Count, run.IsStreaming, poll, null);
        }
        catch (ScipionError error) when (error.Kind is ErrorKind.Validation or ErrorKind.NotFound)
        {
            return new PreparedBatch(0, run.IsStreaming, poll, RunProblems.InvalidInput(error));
        }
    }

    public static string StepName(string name, int batch) => batch == 0 ? name : $"{name} #{batch}";
}
