using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scipion.Core.Errors;
using Scipion.Core.Events;
using Scipion.Core.Projects;
using Scipion.Core.Runs;

namespace Scipion.Workflows.Runs;

/// <summary>
/// A streaming run's reconciliation pass: lists the project's movies the run takes and returns those it has not
/// taken yet (neither an input it started with nor a movie a batch was planned for), whatever became of their upload
/// events (lost while the platform was down, given up by Event Grid, missed by the local emitter). The orchestration
/// drops any it has queued already, so this may over-report, never under-report. Listing is I/O, so it lives here,
/// and its answer is in the history: the orchestration stays deterministic.
/// </summary>
[DurableTask(nameof(ReconcileMoviesActivity))]
public sealed class ReconcileMoviesActivity(
    IRunRepository runs,
    IProjectFolder folder,
    RunWorkspace workspace,
    IOptions<WorkflowOptions> options,
    ILogger<ReconcileMoviesActivity> logger) : TaskActivity<RunRef, MovieReconciliation>
{
    /// <summary>At most this many movies per pass, so one history event stays small; the next pass brings the rest.</summary>
    public const int MaxPerPass = 200;

    public override async Task<MovieReconciliation> RunAsync(TaskActivityContext context, RunRef request)
    {
        var next = options.Value.ReconcileInterval.TotalSeconds;
        var run = await runs.FindAsync(request.ProjectId, request.RunId, CancellationToken.None);
        if (run is null || !run.IsStreaming || run.Status.IsFinished())
        {
            return new MovieReconciliation([], next);
        }

        IReadOnlyList<string> movies;
        try
        {
            movies = await StreamingMovies.ListAsync(folder, run, CancellationToken.None);
        }
        catch (ScipionError error) when (error.Kind is ErrorKind.NotFound or ErrorKind.Validation)
        {
            // The project went away under the run: there is nothing left to take.
            return new MovieReconciliation([], next);
        }

        var taken = workspace.Arrivals(request);
        List<string> untaken =
        [
            .. movies.Where(m => !taken.Contains(m) && !run.InputFiles.Contains(m, StringComparer.Ordinal)).Take(MaxPerPass),
        ];
        if (untaken.Count > 0)
        {
            logger.LogInformation("Run {Run}: reconciliation found {Count} movie(s) not taken yet, first {Movie}", request.RunId, untaken.Count, untaken[0]);
        }

        return new MovieReconciliation(untaken, next);
    }
}
