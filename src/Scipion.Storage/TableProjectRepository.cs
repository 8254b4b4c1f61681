using Azure;
using Azure.Data.Tables;
using Scipion.Core;
using Scipion.Core.Errors;
using Scipion.Core.Projects;

namespace Scipion.Storage;

public sealed class TableProjectRepository(TableServiceClient tables) : IProjectRepository
{
    private readonly TableClient _projects = tables.GetTableClient(StorageNames.ProjectsTable);
    private readonly TableClient _memberships = tables.GetTableClient(StorageNames.MembershipsTable);

    public async Task CreateAsync(Project project, CancellationToken cancellationToken)
    {
        await _projects.AddEntityAsync(ProjectEntity.From(project), cancellationToken);
        await IndexAsync(project.Owner, project.Id, cancellationToken);
    }

    public async Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        var response = await _projects.GetEntityIfExistsAsync<ProjectEntity>(projectId, ProjectEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToProject() : null;
    }

    public async Task<IReadOnlyList<Project>> ListForUserAsync(string user, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in _memberships.QueryAsync<MembershipEntity>(m => m.PartitionKey == user, cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        var projects = await Task.WhenAll(ids.Select(id => FindAsync(id, cancellationToken)));
        return [.. projects
            .Where(p => p is not null && p.RoleOf(user) is not null)
            .Select(p => p!)
            .OrderByDescending(p => p.CreatedAt)];
    }

    public async Task<Project> UpdateMembersAsync(Project current, Project changed, CancellationToken cancellationToken)
    {
        var entity = ProjectEntity.From(changed);
        try
        {
            var response = await _projects.UpdateEntityAsync(entity, new ETag(current.Version ?? "*"), TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw ScipionError.Conflict($"Project '{current.Id}' was changed by someone else; try again.");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted between the caller's read and this write: the project is gone, as it would be to a later read.
            throw ScipionError.NotFound($"Project '{current.Id}'");
        }

        foreach (var added in changed.Members.Where(m => current.RoleOf(m.User) is null))
        {
            await IndexAsync(added.User, changed.Id, cancellationToken);
        }

        foreach (var removed in current.Members.Where(m => changed.RoleOf(m.User) is null))
        {
            await _memberships.DeleteEntityAsync(removed.User, changed.Id, cancellationToken: cancellationToken);
        }

        return entity.ToProject();
    }

    public async Task DeleteAsync(Project project, CancellationToken cancellationToken)
    {
        // The project row goes first: from then on nobody has access, whatever happens to the index rows.
        await _projects.DeleteEntityAsync(project.Id, ProjectEntity.Row, cancellationToken: cancellationToken);
        foreach (var user in project.Members.Select(m => m.User).Append(project.Owner))
        {
            await _memberships.DeleteEntityAsync(user, project.Id, cancellationToken: cancellationToken);
        }
    }

    private Task IndexAsync(string user, string projectId, CancellationToken cancellationToken) =>
        _memberships.UpsertEntityAsync(MembershipEntity.For(user, projectId), TableUpdateMode.Replace, cancellationToken);
}
