using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

public sealed class ProjectGlobTests
{
    [Theory]
    [InlineData("Movies/*.tif", "Movies/a.tif", true)]
    [InlineData("Movies/*.tif", "Movies/.tif", true)]
    [InlineData("Movies/*.tif", "Movies/day1/a.tif", false)]
    [InlineData("Movies/*", "Movies/", true)]
    [InlineData("Movies/a?.tif", "Movies/ab.tif", true)]
    [InlineData("Movies/a?.tif", "Movies/a/.tif", false)]
    [InlineData("Movies/a?.tif", "Movies/a.tif", false)]
    [InlineData("Movies/**/*.tif", "Movies/a.tif", true)]
    [InlineData("Movies/**/*.tif", "Movies/day1/b/a.tif", true)]
    [InlineData("Movies/**/*.tif", "Moviesx/a.tif", false)]
    [InlineData("**/*.tif", "a.tif", true)]
    [InlineData("**/*.tif", "x/y/a.tif", true)]
    [InlineData("Movies/**", "Movies/x/y.tif", true)]
    [InlineData("Movies/**", "Movies", false)]
    [InlineData("Movies/**.tif", "Movies/x/y.tif", true)]
    [InlineData("Movies/**.tif", "Movies/x/y.tiff", false)]
    [InlineData("Movies/a**b", "Movies/a/x/b", true)]
    [InlineData("Movies/a**/b", "Movies/a/b", true)]
    [InlineData("Movies/a**/b", "Movies/ax/y/b", true)]
    [InlineData("Movies/a.tif", "Movies/a.tif", true)]
    [InlineData("Movies/a.tif", "Movies/aXtif", false)]
    [InlineData("Movies/(a)+[b].tif", "Movies/(a)+[b].tif", true)]
    [InlineData("Movies/(a)+[b].tif", "Movies/aa[b].tif", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Globs_keep_the_contract_s_meaning(string glob, string path, bool matches) =>
        Assert.Equal(matches, ProjectGlob.IsMatch(glob, path));

    [Fact]
    public void A_glob_made_to_backtrack_is_answered_with_a_plain_result()
    {
        // A backtracking regex tries every way to share the name among the fourteen '**' (and gave up with a timeout).
        var glob = "Movies/" + string.Concat(Enumerable.Repeat("**a", 14)) + ".tif";
        var longName = "Movies/" + new string('a', 400) + "b.tif";

        Assert.False(ProjectGlob.IsMatch(glob, longName));
        Assert.True(ProjectGlob.IsMatch(glob, "Movies/" + new string('a', 400) + ".tif"));
        Assert.True(ProjectGlob.IsMatch(glob, "Movies/" + string.Concat(Enumerable.Repeat("xa/", 13)) + "xa.tif"));
    }

    [Fact]
    public void A_compiled_glob_matches_many_paths_alike()
    {
        var glob = ProjectGlob.Compile("Movies/**/*.mrcs");
        Assert.Equal([true, false, true], new[] { "Movies/a.mrcs", "Movies/a.mrc", "Movies/x/a.mrcs" }.Select(glob.IsMatch));
    }
}
