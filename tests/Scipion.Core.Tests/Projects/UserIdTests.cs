using Scipion.Core.Identity;

namespace Scipion.Core.Tests.Projects;

public sealed class UserIdTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("6b1f2c3e-0d4e-4a8b-9c7d-1234567890ab")]
    [InlineData("alice@example.org")]
    [InlineData("first.last_2-x")]
    [InlineData("...")]
    public void Ordinary_user_ids_are_accepted(string user) => Assert.Null(UserId.Problem(user));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a%2Fb")]
    [InlineData("a\tb")]
    [InlineData(" alice")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a:b")]
    [InlineData("a b")]
    [InlineData("ä")]
    public void User_ids_that_cannot_be_storage_keys_are_refused(string user) => Assert.NotNull(UserId.Problem(user));

    [Fact]
    public void Over_long_user_ids_are_refused() => Assert.NotNull(UserId.Problem(new string('u', UserId.MaxLength + 1)));
}
