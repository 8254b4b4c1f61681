using Scipion.Testing;
using System.Net;

namespace Scipion.Api.Tests;

/// <summary>The runs API itself: tools, refused requests, who may start and see runs. The workflows are in <see cref="WorkflowRunTests"/>.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RunTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task The_tool_list_describes_each_web_tool_with_its_parameters_and_inputs()
    {
        using var response = await _api.SendAsync(ApiClient.NewUser("alice"), HttpMethod.Get, "api/tools");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tools = (await ApiClient.JsonAsync(response)).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["first-map", "movie-alignment", "pipeline", "resolution-map"], tools.Keys.Order(StringComparer.Ordinal));
        var alignment = tools["movie-alignment"];
        Assert.Equal("object", alignment.GetProperty("parameters").GetProperty("type").GetString());
        Assert.Equal(300, alignment.GetProperty("parameters").GetProperty("properties").GetProperty("voltage").GetProperty("default").GetDouble());
        Assert.Contains("pixelSize", alignment.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(alignment.GetProperty("inputs").GetProperty("properties").TryGetProperty("movies", out _));
    }

    [Theory]
    [InlineData("{\"tool\":\"no-such-tool\",\"inputs\":{},\"parameters\":{}}", "tool")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{},\"parameters\":{\"pixelSize\":1}}", "inputs.movies")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"Movies/*.mrcs\"},\"parameters\":{}}", "parameters.pixelSize")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"Nothing/*.mrcs\"},\"parameters\":{\"pixelSize\":1}}", "inputs.movies")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"../other/*.mrcs\"},\"parameters\":{\"pixelSize\":1}}", "inputs.movies")]
    [InlineData("{\"tool\":\"resolution-map\",\"inputs\":{\"halfMap1\":\"Maps/missing1.mrc\",\"halfMap2\":\"Maps/missing2.mrc\"},\"parameters\":{}}", "inputs.halfMap1")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":\"Movies\",\"parameters\":{}}", "inputs")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"Movies/*.mrcs\"},\"parameters\":{\"pixelSize\":1,\"compute\":{\"backend\":\"pbs\"}}}", "parameters.compute.backend")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"Movies/*.mrcs\"},\"parameters\":{\"pixelSize\":1,\"compute\":{\"backend\":\"local\",\"queue\":\"gpu\"}}}", "parameters.compute.queue")]
    [InlineData("{\"tool\":\"movie-alignment\",\"inputs\":{\"movies\":\"Movies/*.mrcs\"},\"parameters\":{\"pixelSize\":1,\"compute\":\"slurm\"}}", "parameters.compute")]
    public async Task A_run_request_with_bad_inputs_is_a_400_problem_naming_the_field(string body, string field)
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;

        using var response = await _api.SendRawAsync(await _api.TokenAsync(alice), HttpMethod.Post, $"api/projects/{id}/runs", body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var list = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/runs");
        Assert.Equal(0, (await ApiClient.JsonAsync(list)).GetArrayLength());
    }

    [Fact]
    public async Task A_reader_cannot_start_or_cancel_runs_and_a_stranger_cannot_see_them()
    {
        var (alice, bob, mallory) = (ApiClient.NewUser("alice"), ApiClient.NewUser("bob"), ApiClient.NewUser("mallory"));
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        await _api.ShareAsync(alice, id, bob, "reader");
        var request = new { tool = "pipeline", inputs = new { movies = "Movies/*.mrcs" }, parameters = new { pixelSize = 1.0, streaming = true } };

        using var readerStart = await _api.SendAsync(bob, HttpMethod.Post, $"api/projects/{id}/runs", request);
        await Problem.AssertAsync(readerStart, HttpStatusCode.Forbidden);

        var runId = await Runs.StartAsync(_api, alice, id, request);
        using var readerSees = await _api.SendAsync(bob, HttpMethod.Get, $"api/projects/{id}/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, readerSees.StatusCode);
        using var readerCancel = await _api.SendAsync(bob, HttpMethod.Post, $"api/projects/{id}/runs/{runId}/cancel");
        await Problem.AssertAsync(readerCancel, HttpStatusCode.Forbidden);
        using var strangerSees = await _api.SendAsync(mallory, HttpMethod.Get, $"api/projects/{id}/runs/{runId}");
        await Problem.AssertAsync(strangerSees, HttpStatusCode.NotFound);
        using var unknown = await _api.SendAsync(alice, HttpMethod.Get, $"api/projects/{id}/runs/r-unknown");
        await Problem.AssertAsync(unknown, HttpStatusCode.NotFound);

        using var cancel = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/runs/{runId}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("Canceled", (await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, RunLimit)).GetProperty("status").GetString());
    }
}
