using System.Text.Json.Nodes;
using Scipion.Core.Projects;
using Scipion.Core.Runs;
using Scipion.Core.Tools;

namespace Scipion.Core.Events;

/// <summary>
/// Reacts to finished uploads: each streaming pipeline running on the project whose movie glob matches gets the
/// new movie. Events may come twice or out of order; runs ignore a (path, ETag) they have already taken.
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
            if (run.IsStreaming && !run.Status.IsFinished() && ProjectGlob.IsMatch(MovieGlob(run), upload.Path))
            {
                await engine.NotifyNewFileAsync(run, new NewFile(upload.Path, upload.ETag, upload.Size), cancellationToken);
                notified++;
            }
        }

        return notified;
    }

    private static string MovieGlob(Run run) =>
        run.Inputs["movies"] is JsonValue v && v.TryGetValue<string>(out var glob) ? glob : MovieFiles.DefaultGlob;
}
