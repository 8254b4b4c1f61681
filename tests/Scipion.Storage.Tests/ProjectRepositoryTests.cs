using Scipion.Core.Errors;
using Scipion.Core.Projects;
using Xunit;

namespace Scipion.Storage.Tests;

/// <summary>Project rows against a real Azurite.</summary>
[Collection(StorageCollection.Name)]
public sealed class ProjectRepositoryTests(StorageFixture storage)
{
    private readonly TableProjectRepository _projects = new(storage.Tables);

    [Fact]
    public async Task A_member_change_that_races_the_projects_deletion_is_not_found_rather_than_a_storage_error()
    {
        var project = new Project(ProjectId.New(), "raced", string.Empty, "alice", DateTimeOffset.UtcNow, []);
        await _projects.CreateAsync(project, CancellationToken.None);
        var read = await _projects.FindAsync(project.Id, CancellationToken.None);
        await _projects.DeleteAsync(read!, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ScipionError>(() =>
            _projects.UpdateMembersAsync(read!, read!.WithMember("bob", ProjectRole.Reader), CancellationToken.None));

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }
}
