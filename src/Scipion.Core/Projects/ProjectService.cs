using Scipion.Core.Errors;
using Scipion.Core.Identity;

namespace Scipion.Core.Projects;

/// <summary>Creating, finding, sharing and deleting projects, with the access rules applied to every call.</summary>
public sealed class ProjectService(IProjectRepository repository, IProjectFolder folder, TimeProvider clock, IEnumerable<IProjectScratch> scratch)
{
    private const int MaxConcurrentUpdateAttempts = 60;

    public async Task<Project> CreateAsync(Caller caller, string? name, string? description, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(name), "name", "A project needs a name.")
            .Require(name is null || name.Length <= ProjectLimits.MaxNameLength, "name", $"A name has at most {ProjectLimits.MaxNameLength} characters.")
            .Require(name is null || !name.Any(char.IsControl), "name", "A name cannot contain control characters.")
            .Require(description is null || description.Length <= ProjectLimits.MaxDescriptionLength, "description", $"A description has at most {ProjectLimits.MaxDescriptionLength} characters.")
            .ThrowIfAny();

        var project = new Project(ProjectId.New(), name!.Trim(), description ?? string.Empty, caller.UserId, clock.GetUtcNow(), []);
        // The folder first: a project whose row exists always has its container (a container without a row is
        // only an empty leftover nobody can reach).
        await folder.CreateAsync(project.Id, cancellationToken);
        await repository.CreateAsync(project, cancellationToken);
        return project;
    }

    public Task<IReadOnlyList<Project>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        repository.ListForUserAsync(caller.UserId, cancellationToken);

    /// <summary>The project, when the caller may do <paramref name="action"/> on it.</summary>
    public async Task<Project> GetAsync(Caller caller, string projectId, ProjectAction action, CancellationToken cancellationToken)
    {
        var project = ProjectId.IsWellFormed(projectId)
            ? await repository.FindAsync(projectId, cancellationToken)
            : null;
        if (project is null)
        {
            throw ScipionError.NotFound($"Project '{projectId}'");
        }

        ProjectAccess.Demand(project, caller.UserId, action);
        return project;
    }

    public async Task DeleteAsync(Caller caller, string projectId, CancellationToken cancellationToken)
    {
        var project = await GetAsync(caller, projectId, ProjectAction.Administer, cancellationToken);
        // The folder (container) first, then the row: a deletion that stops half way leaves a project that still
        // answers and can be deleted again, never a row-less container. Either part already gone counts as done.
        // Deleting the container also revokes every signed URL for it at once: they name a container that is gone.
        await folder.DeleteAllAsync(project.Id, cancellationToken);
        await repository.DeleteAsync(project, cancellationToken);
        await Task.WhenAll(scratch.Select(s => s.RemoveAsync(project.Id, cancellationToken)));
    }

    public Task<Project> ShareAsync(Caller caller, string projectId, string? user, string? role, CancellationToken cancellationToken)
    {
        UserId.Validate(user);
        var parsed = ProjectRoles.FromWire(role);
        if (parsed is not (ProjectRole.Reader or ProjectRole.Editor))
        {
            throw ScipionError.Invalid("role", "The role must be \"reader\" or \"editor\".");
        }

        return UpdateMembersAsync(caller, projectId, project =>
        {
            if (project.Owner == user)
            {
                throw ScipionError.Invalid("user", "The owner already has every right on the project.");
            }

            return project.WithMember(user!, parsed.Value);
        }, cancellationToken);
    }

    public async Task UnshareAsync(Caller caller, string projectId, string? user, CancellationToken cancellationToken)
    {
        UserId.Validate(user);
        await UpdateMembersAsync(caller, projectId, project =>
        {
            if (project.Owner == user)
            {
                throw ScipionError.Invalid("user", "The owner cannot be removed from the project.");
            }

            return project.WithoutMember(user!);
        }, cancellationToken);
    }

    private async Task<Project> UpdateMembersAsync(Caller caller, string projectId, Func<Project, Project> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var project = await GetAsync(caller, projectId, ProjectAction.Administer, cancellationToken);
            try
            {
                return await repository.UpdateMembersAsync(project, change(project), cancellationToken);
            }
            catch (ScipionError e) when (e.Kind == ErrorKind.Conflict && attempt < MaxConcurrentUpdateAttempts)
            {
                // Someone else changed the members between our read and write; read again and reapply. Each round one
                // writer wins, so enough rounds let every concurrent change through (the contract: never a 409); a
                // random wait, growing to a bound, keeps the writers from colliding again in step.
                var ceiling = Math.Min(250, 5 << Math.Min(attempt, 6));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling)), cancellationToken);
            }
        }
    }
}
