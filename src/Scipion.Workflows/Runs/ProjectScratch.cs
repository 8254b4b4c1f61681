using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scipion.Core.Projects;

namespace Scipion.Workflows.Runs;

/// <summary>Deletes a project's run work folders ({WorkRoot}/{projectId}) when the project is deleted.</summary>
public sealed class ProjectScratch(IOptions<WorkflowOptions> options, ILogger<ProjectScratch> logger) : IProjectScratch
{
    public Task RemoveAsync(string projectId, CancellationToken cancellationToken)
    {
        // Project ids are checked before any project is found, so this never names a folder above the work root.
        var directory = Path.Combine(options.Value.WorkRoot, projectId);
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The project is gone either way; a run still closing its files leaves a folder nobody can read through the API.
            logger.LogWarning(e, "The work folders of deleted project {Project} could not all be deleted", projectId);
        }

        return Task.CompletedTask;
    }
}
