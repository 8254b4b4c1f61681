using Scipion.Core.Errors;
using Scipion.Core.Files;

namespace Scipion.Core.Tests.Files;

public sealed class ProjectPathTests
{
    [Theory]
    [InlineData("Movies/m001.tif")]
    [InlineData("m.mrc")]
    [InlineData("Runs/abc/MotionCorr/job001/corrected_micrographs.star")]
    [InlineData("a b/with spaces inside.mrcs")]
    [InlineData("Movies/..hidden-but-not-a-dot-segment")]
    public void A_relative_slash_separated_path_is_accepted_as_it_is(string value) =>
        Assert.Equal(value, ProjectPath.ParseFile(value).Value);

    [Theory]
    [InlineData("../other/secret", "'..'")]
    [InlineData("Movies/../../x", "'..'")]
    [InlineData("Movies/./x", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/Windows", "absolute")]
    [InlineData("Movies\\m001.tif", "'\\'")]
    [InlineData("Movies//m001.tif", "empty segments")]
    [InlineData("Movies/", "end with '/'")]
    [InlineData("Movies/m\u0000.tif", "control characters")]
    [InlineData("Movies/m\n.tif", "control characters")]
    [InlineData(" Movies/m.tif", "white space")]
    [InlineData("", "required")]
    public void A_path_that_could_leave_the_project_or_is_malformed_is_refused_with_a_reason(string value, string reason)
    {
        var error = Assert.Throws<ScipionError>(() => ProjectPath.ParseFile(value));
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.True(error.Errors!.ContainsKey("path"));
    }

    [Fact]
    public void A_path_longer_than_a_blob_name_allows_is_refused()
    {
        Assert.Equal(ProjectPath.MaxLength, ProjectPath.ParseFile(new string('a', ProjectPath.MaxLength)).Value.Length);
        var error = Assert.Throws<ScipionError>(() => ProjectPath.ParseFile(new string('a', ProjectPath.MaxLength + 1)));
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listing_prefix_may_end_with_a_slash_and_may_be_empty()
    {
        Assert.Equal("Movies/", ProjectPath.ParsePrefix("Movies/")!.Value);
        Assert.Null(ProjectPath.ParsePrefix(""));
        Assert.Null(ProjectPath.ParsePrefix(null));
        Assert.Throws<ScipionError>(() => ProjectPath.ParsePrefix("../"));
    }
}
