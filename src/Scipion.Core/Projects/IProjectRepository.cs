namespace Scipion.Core.Projects;

/// <summary>Where project metadata and memberships live (Azure Tables in every deployment).</summary>
public interface IProjectRepository
{
    Task CreateAsync(Project project, CancellationToken cancellationToken);

    Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Projects the user owns or is a member of.</summary>
    Task<IReadOnlyList<Project>> ListForUserAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the members of <paramref name="current"/> (as read, with its <see cref="Project.Version"/>);
    /// fails with a conflict when someone changed the project since.
    /// </summary>
    Task<Project> UpdateMembersAsync(Project current, Project changed, CancellationToken cancellationToken);

    Task DeleteAsync(Project project, CancellationToken cancellationToken);
}
