using Scipion.Core.Errors;
using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

public sealed class ToolCatalogTests
{
    [Fact]
    public void The_catalog_offers_the_four_tools_of_the_contract_with_object_schemas()
    {
        var catalog = new ToolCatalog();

        Assert.Equal(["movie-alignment", "first-map", "resolution-map", "pipeline"], catalog.All.Select(t => t.Name));
        Assert.All(catalog.All, t =>
        {
            Assert.Equal("object", t.ParametersSchema["type"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(t.Title));
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
        Assert.False(catalog.Get("pipeline").ParametersSchema["properties"]!["streaming"]!["default"]!.GetValue<bool>());
        Assert.Equal(ErrorKind.Validation, Assert.Throws<ScipionError>(() => catalog.Get("resmap")).Kind);
    }

    [Theory]
    [InlineData("Movies/*.mrcs", "Movies/a.mrcs", true)]
    [InlineData("Movies/*.mrcs", "Movies/day1/a.mrcs", false)]
    [InlineData("Movies/**/*.mrcs", "Movies/a.mrcs", true)]
    [InlineData("Movies/**/*.mrcs", "Movies/day1/b/a.mrcs", true)]
    [InlineData("Movies/**", "Movies/x/y.tif", true)]
    [InlineData("Movies/*.mrcs", "Movies/a.mrc", false)]
    public void Globs_follow_the_contract(string glob, string path, bool matches) =>
        Assert.Equal(matches, ProjectGlob.IsMatch(glob, path));
}
