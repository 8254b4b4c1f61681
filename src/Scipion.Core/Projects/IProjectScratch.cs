namespace Scipion.Core.Projects;

/// <summary>
/// Local copies a host keeps of a project's files (the runs' staged work folders). A deleted project's copies must
/// not stay on the server's disk, where nobody can delete or reach them through the API any more.
/// </summary>
public interface IProjectScratch
{
    Task RemoveAsync(string projectId, CancellationToken cancellationToken);
}
