using System.Text.Json.Nodes;
using Scipion.Core.Errors;
using Scipion.Core.Formats;
using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

/// <summary>Every path a planner reads out of a file is a project path, resolved in the run's own folder.</summary>
public sealed class ProjectReferenceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> OutsideNames => new()
    {
        "1@../other-run/Particles/s.mrcs",
        "1@../../other-project/run/Particles/s.mrcs",
        "1@/etc/passwd",
        "1@../../../../etc/hostname",
        "1@Particles/../../outside.mrcs",
        "1@Particles\\s.mrcs",
        "Particles/./s.mrcs",
    };

    [Theory]
    [MemberData(nameof(OutsideNames))]
    public void A_star_file_pointing_outside_the_project_is_refused_with_its_file_and_line(string imageName)
    {
        // A real stack of a distinctive size next to the run's folder: what another project's staged files would be.
        var workspace = new ToolWorkspace(_temp.File("project/run"), "r1");
        Directory.CreateDirectory(workspace.Directory);
        MrcFile.Write(_temp.File("project/other-run/Particles/s.mrcs"), new DensityMap(37, 37, 3, 1.0), isStack: true);
        MrcFile.Write(_temp.File("project/run/Particles/ok.mrcs"), new DensityMap(24, 24, 3, 1.0), isStack: true);
        File.WriteAllText(_temp.File("project/run/Particles/p.star"),
            "data_optics\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n1 1.0\n\ndata_particles\nloop_\n_rlnImageName #1\n_rlnOpticsGroup #2\n"
            + "1@Particles/ok.mrcs 1\n" + $"{imageName} 1\n");
        var tool = new FirstMapTool();
        var request = tool.Validate(new JsonObject { ["particles"] = "Particles/p.star" }, new JsonObject { ["particleDiameter"] = 5000 });

        var error = Assert.Throws<ScipionError>(() => tool.Plan(request, workspace));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.StartsWith($"Particles/p.star:12: image name '{imageName}' is outside the project", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("37", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pixel", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../secret.mrc")]
    [InlineData("/etc/hostname")]
    [InlineData("Maps/../../secret.mrc")]
    [InlineData("")]
    public void The_workspace_never_resolves_a_path_outside_itself(string path)
    {
        var workspace = new ToolWorkspace(_temp.File("project/run"), "r1");

        Assert.Equal(ErrorKind.Validation, Assert.Throws<ScipionError>(() => workspace.FullPath(path)).Kind);
        Assert.Equal(ErrorKind.Validation, Assert.Throws<ScipionError>(() => workspace.Exists(path)).Kind);
    }

    [Fact]
    public void A_project_path_resolves_inside_the_workspace()
    {
        var workspace = new ToolWorkspace(_temp.Path, "r1");
        Assert.Equal(Path.Combine(_temp.Path, "Maps/half1.mrc"), workspace.FullPath("Maps/half1.mrc"));
    }

    [Fact]
    public void References_of_every_kind_are_listed_with_their_lines()
    {
        var star = StarReader.Parse("data_movies\nloop_\n_rlnMicrographMovieName #1\n_rlnMicrographName #2\nMovies/a.tif\nMics/a.mrc\nMovies/b.tif Mics/b.mrc\n");

        var references = StarReferences.All(star).ToList();

        Assert.Equal([("Movies/a.tif", 5), ("Movies/b.tif", 7), ("Mics/a.mrc", 5), ("Mics/b.mrc", 7)], references.Select(r => (r.Path, r.Line)));
        Assert.Equal("Particles/s.mrcs", StarReferences.PathOf("000012@Particles/s.mrcs"));
    }
}
