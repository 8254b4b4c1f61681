using Scipion.Core.Projects;
using Scipion.Core.Runs;

namespace Scipion.Core.Events;

/// <summary>
/// Reacts to finished uploads: each streaming pipeline running on the project whose movie glob matches gets the
/// new movie. Events may come twice, out of order or not at all (a reconciliation pass of the run finds what they
/// missed); a run takes each movie path once, whichever delivers it first. An event for a project that does not
/// exist (deleted, or never was) is ignored.
/// </summary>
public sealed class UploadEventService(IProjectRepository projects, IRunRepository runs)
{
    public async Task<int> HandleAsync(IWorkflowEngine engine, BlobCreated upload, CancellationToken cancellationToken)
    {
        if (!ProjectId.IsWellFormed(upload.ProjectId) || !MovieFiles.IsMovie(upload.Path)
            || await projects.FindAsync(upload.ProjectId, cancellationToken) is null)
        {
            return 0;
        }

        var notified = 0;
        foreach (var run in await runs.ListAsync(upload.ProjectId, cancellationToken))
        {
            if (run.IsStreaming && !run.Status.IsFinished() && StreamingMovies.Takes(run, upload.Path))
            {
                await engine.NotifyNewFileAsync(run, new NewFile(upload.Path, upload.ETag, upload.Size), cancellationToken);
                notified++;
            }
        }

        return notified;
    }
}
