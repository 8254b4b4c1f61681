namespace Scipion.Core.Projects;

/// <summary>Where project metadata and memberships live (Azure Tables in every deployment).</summary>
public interface IProjectRepository
{
    Task CreateAsync(Project project, CancellationToken cancellationToken);

    Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Projects the user owns or is a member of.</summary>
    Task<IReadOnlyList<Project>> ListForUserAsync(string user, CancellationToken cancellationToken);

    /// <summary>Replaces the members; fails with a conflict when <see cref="Project.Version"/> is stale.</summary>
    Task<Project> UpdateMembersAsync(Project project, CancellationToken cancellationToken);

    Task DeleteAsync(Project project, CancellationToken cancellationToken);
}
