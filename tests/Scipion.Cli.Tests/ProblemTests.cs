using System.Net;
using Scipion.Testing;

namespace Scipion.Cli.Tests;

[Collection(CliHostCollection.Name)]
public sealed class ProblemTests(CliHostFixture fixture)
{
    [Fact]
    public async Task A_run_the_API_refuses_shows_the_problem_title_and_detail_and_exits_non_zero()
    {
        var (cli, user, projectId) = await SignedIn.WithProjectAsync(fixture, "Problems");

        var result = await cli.RunAsync("runs", "start", "--project", projectId, "--tool", "movie-alignment", "--input", "movies=Nothing/*.mrcs", "--param", "pixelSize=1");

        // The same request straight to the API says what the CLI should have shown.
        using var direct = await fixture.Api.SendAsync(user, HttpMethod.Post, $"api/projects/{projectId}/runs",
            new { tool = "movie-alignment", inputs = new { movies = "Nothing/*.mrcs" }, parameters = new { pixelSize = 1 } });
        var problem = await Problem.AssertAsync(direct, HttpStatusCode.BadRequest);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(problem.GetProperty("title").GetString()!, result.Error, StringComparison.Ordinal);
        Assert.Contains(problem.GetProperty("detail").GetString()!, result.Error, StringComparison.Ordinal);
        Assert.Contains("inputs.movies", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_the_caller_cannot_see_is_a_not_found_problem_and_a_non_zero_exit()
    {
        var (cli, _, _) = await SignedIn.WithProjectAsync(fixture, "Mine");
        var (other, _, theirs) = await SignedIn.WithProjectAsync(fixture, "Theirs");

        var result = await cli.RunAsync("runs", "list", "--project", theirs);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(404)", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await other.RunAsync("runs", "list", "--project", theirs)).ExitCode);
    }

    [Fact]
    public async Task Commands_before_login_say_how_to_sign_in()
    {
        var result = await new CliRun().RunAsync("projects", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("scipion login", result.Error, StringComparison.Ordinal);
    }
}
