using Scipion.Core.Errors;
using Scipion.Core.Projects;

namespace Scipion.Core.Tests.Projects;

public sealed class ProjectAccessTests
{
    private static readonly Project Shared = new Project("0123456789abcdef0123456789abcdef", "p", "", "alice", DateTimeOffset.UnixEpoch, [])
        .WithMember("bob", ProjectRole.Reader)
        .WithMember("carol", ProjectRole.Editor);

    [Theory]
    [InlineData("alice", ProjectAction.Read, true)]
    [InlineData("alice", ProjectAction.Write, true)]
    [InlineData("alice", ProjectAction.Administer, true)]
    [InlineData("carol", ProjectAction.Read, true)]
    [InlineData("carol", ProjectAction.Write, true)]
    [InlineData("carol", ProjectAction.Administer, false)]
    [InlineData("bob", ProjectAction.Read, true)]
    [InlineData("bob", ProjectAction.Write, false)]
    [InlineData("bob", ProjectAction.Administer, false)]
    [InlineData("mallory", ProjectAction.Read, false)]
    public void Owners_do_everything_editors_write_and_readers_only_read(string user, ProjectAction action, bool allowed) =>
        Assert.Equal(allowed, ProjectAccess.Allows(Shared, user, action));

    [Fact]
    public void A_stranger_is_told_the_project_does_not_exist_rather_than_that_it_is_forbidden()
    {
        var error = Assert.Throws<ScipionError>(() => ProjectAccess.Demand(Shared, "mallory", ProjectAction.Read));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void A_member_without_the_needed_role_is_forbidden_and_told_which_role_it_needs()
    {
        var error = Assert.Throws<ScipionError>(() => ProjectAccess.Demand(Shared, "bob", ProjectAction.Write));
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
        Assert.Contains("editor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sharing_again_changes_the_role_instead_of_adding_a_second_membership()
    {
        var promoted = Shared.WithMember("bob", ProjectRole.Editor);
        Assert.Single(promoted.Members, m => m.User == "bob");
        Assert.Equal(ProjectRole.Editor, promoted.RoleOf("bob"));
        Assert.Null(promoted.WithoutMember("bob").RoleOf("bob"));
    }

    [Fact]
    public void Project_ids_are_32_lowercase_hex_digits_and_nothing_else_passes()
    {
        Assert.True(ProjectId.IsWellFormed(ProjectId.New()));
        Assert.False(ProjectId.IsWellFormed("../0123456789abcdef0123456789ab"));
        Assert.False(ProjectId.IsWellFormed("0123456789ABCDEF0123456789ABCDEF"));
        Assert.False(ProjectId.IsWellFormed(null));
    }
}
