using Scipion.Testing;
using System.Net;
using System.Text.Json;
using Scipion.Core.Results;
using Scipion.Synthetic;

namespace Scipion.Api.Tests;

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

    [Fact]
    public async Task Movie_alignment_on_uploaded_movies_recovers_the_known_drift_and_leaves_its_outputs_in_the_project()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var truths = new Dictionary<string, DriftTruth>();
        var local = Directory.CreateTempSubdirectory("movies-").FullName;
        for (var i = 1; i <= 2; i++)
        {
            var name = $"Movies/movie_{i:D3}.mrcs";
            var file = Path.Combine(local, $"movie_{i:D3}.mrcs");
            truths[name] = new SyntheticMovie { Seed = i, DriftX = 0.5 * i, DriftY = -0.3 * i }.Write(file);
            await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, name, new FileInfo(file).Length), await File.ReadAllBytesAsync(file));
        }

        var runId = await Runs.StartAsync(_api, alice, id, new
        {
            tool = "movie-alignment",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 } },
        });
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, RunLimit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), step =>
        {
            Assert.Equal("Completed", step.GetProperty("status").GetString());
            Assert.Equal("local", step.GetProperty("backend").GetString());
            Assert.False(string.IsNullOrEmpty(step.GetProperty("jobId").GetString()));
        });
        var outputs = Runs.Outputs(run);
        var folder = $"Runs/{runId}/";
        Assert.All(outputs, o => Assert.StartsWith(folder, o, StringComparison.Ordinal));
        Assert.Contains($"{folder}MotionCorr/job001/corrected_micrographs.star", outputs);
        Assert.Contains($"{folder}drift.png", outputs);
        Assert.Contains($"{folder}report.md", outputs);
        Assert.Contains($"{folder}MotionCorr/job001/Movies/movie_001.mrc", outputs);

        // Read the results back from the project, as a user downloading them would, and compare with the truth.
        var downloaded = Directory.CreateTempSubdirectory("outputs-").FullName;
        foreach (var output in outputs.Where(o => o.EndsWith(".star", StringComparison.Ordinal)))
        {
            var target = Path.Combine(downloaded, output);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, await Runs.DownloadAsync(_api, alice, id, output));
        }

        var result = MotionCorrectionResult.Read(downloaded, $"{folder}MotionCorr/job001/corrected_micrographs.star");
        Assert.Equal(2, result.Movies.Count);
        foreach (var movie in result.Movies)
        {
            var error = DriftError.RmsPixels(movie, truths[movie.Movie]);
            Assert.True(error < 0.5, $"{movie.Movie}: drift error {error:F3} px RMS");
        }

        var png = await Runs.DownloadAsync(_api, alice, id, $"{folder}drift.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var report = System.Text.Encoding.UTF8.GetString(await Runs.DownloadAsync(_api, alice, id, $"{folder}report.md"));
        Assert.Contains("![drift.png](drift.png)", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Movies_uploaded_into_a_streaming_project_are_aligned_with_no_further_call_and_a_corrupt_one_does_not_stop_the_run()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var runId = await Runs.StartAsync(_api, alice, id, new
        {
            tool = "pipeline",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0, patches = new[] { 1, 1 }, streaming = true },
        });
        await Runs.WaitAsync(_api, alice, id, runId, r => r.GetProperty("status").GetString() == "Running", RunLimit);

        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Movies/broken.mrcs", 100), new byte[100]);
        var file = Path.Combine(Directory.CreateTempSubdirectory("stream-").FullName, "late.mrcs");
        new SyntheticMovie { Seed = 7 }.Write(file);
        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Movies/late.mrcs", new FileInfo(file).Length), await File.ReadAllBytesAsync(file));

        static string? Aligned(JsonElement run) => Runs.Outputs(run).FirstOrDefault(o => o.EndsWith("/Movies/late.mrc", StringComparison.Ordinal));
        var run = await Runs.WaitAsync(_api, alice, id, runId, r => Aligned(r) is not null && !r.GetProperty("error").ValueKind.Equals(JsonValueKind.Null) || Runs.IsFinished(r), RunLimit);
        Assert.True(run.GetProperty("status").GetString() == "Running", run.ToString());
        // Each new movie is a batch with job folders of its own (job001 is the run's first plan).
        Assert.Matches($"^Runs/{runId}/MotionCorr/job00[23]/Movies/late.mrc$", Aligned(run));
        Assert.Contains(run.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString()!.StartsWith("motion-correction #", StringComparison.Ordinal) && s.GetProperty("status").GetString() == "Completed");
        Assert.Contains("broken.mrcs", run.GetProperty("error").GetProperty("detail").GetString()!, StringComparison.Ordinal);

        using var cancel = await _api.SendAsync(alice, HttpMethod.Post, $"api/projects/{id}/runs/{runId}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var ended = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, RunLimit);
        Assert.Equal("Canceled", ended.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_corrupt_movie_fails_the_run_with_a_problem_naming_the_file_and_other_runs_are_unaffected()
    {
        var alice = ApiClient.NewUser("alice");
        var id = (await _api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        await Uploads.PutAsync(await _api.StartUploadAsync(alice, id, "Movies/broken.mrcs", 100), new byte[100]);

        var runId = await Runs.StartAsync(_api, alice, id, new
        {
            tool = "movie-alignment",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0 },
        });
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, RunLimit);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        var error = run.GetProperty("error");
        Assert.Contains("broken.mrcs", error.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
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
