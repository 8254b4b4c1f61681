using System.Net;
using System.Text.Json;
using Scipion.Core.Results;
using Scipion.Synthetic;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// The movie workflows over REST, as a portal drives them. One definition, run once per compute backend
/// (<see cref="WorkflowRunTestsOnLocal"/>, <see cref="WorkflowRunTestsOnSlurm"/>): a run must behave the same wherever its steps run.
/// </summary>
public abstract class WorkflowRunTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);
    private readonly ApiClient _api = fixture.Api;

    [Fact]
    public async Task Movie_alignment_on_uploaded_movies_recovers_the_known_drift_and_leaves_its_outputs_in_the_project()
    {
        var (alice, id, runId, run, truths) = await AlignTwoUploadedMoviesAsync(new { pixelSize = 1.0, patches = new[] { 1, 1 } });

        Assert.All(run.GetProperty("steps").EnumerateArray(), step =>
        {
            Assert.Equal("Completed", step.GetProperty("status").GetString());
            Assert.Equal(fixture.Backend, step.GetProperty("backend").GetString());
            Assert.False(string.IsNullOrEmpty(step.GetProperty("jobId").GetString()));
        });
        var outputs = Runs.Outputs(run);
        var folder = $"Runs/{runId}/";
        Assert.All(outputs, o => Assert.StartsWith(folder, o, StringComparison.Ordinal));
        Assert.Contains($"{folder}MotionCorr/job001/corrected_micrographs.star", outputs);
        Assert.Contains($"{folder}drift.png", outputs);
        Assert.Contains($"{folder}report.md", outputs);
        Assert.Contains($"{folder}MotionCorr/job001/Movies/movie_001.mrc", outputs);

        await AssertEveryMovieRecoversItsDriftAsync(alice, id, run, truths);

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
        var run = await Runs.WaitAsync(_api, alice, id, runId, r => Aligned(r) is not null && r.GetProperty("error").ValueKind != JsonValueKind.Null || Runs.IsFinished(r), RunLimit);
        Assert.True(run.GetProperty("status").GetString() == "Running", run.ToString());
        // Each new movie is a batch with job folders of its own (job001 is the run's first plan).
        Assert.Matches($"^Runs/{runId}/MotionCorr/job00[23]/Movies/late.mrc$", Aligned(run));
        Assert.Contains(run.GetProperty("steps").EnumerateArray(), s =>
            s.GetProperty("name").GetString()!.StartsWith("motion-correction #", StringComparison.Ordinal)
            && s.GetProperty("status").GetString() == "Completed" && s.GetProperty("backend").GetString() == fixture.Backend);
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


    [Fact]
    public async Task Motion_correction_asked_for_two_MPI_ranks_runs_RELION_with_both_ranks_and_aligns_every_movie()
    {
        // One thread per rank: two ranks then fit a two-core machine, which is what Slurm is told it has here.
        var (alice, id, runId, run, truths) = await AlignTwoUploadedMoviesAsync(new { pixelSize = 1.0, patches = new[] { 1, 1 }, mpiRanks = 2, threads = 1 });

        var motion = run.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "motion-correction");
        Assert.Equal(fixture.Backend, motion.GetProperty("backend").GetString());

        // RELION's MPI programs print their MPI world at start; the follower's line is sent by rank 1 itself over MPI.
        var folder = $"Runs/{runId}/MotionCorr/job001/";
        var log = System.Text.Encoding.UTF8.GetString(await Runs.DownloadAsync(_api, alice, id, folder + "run.out"));
        Assert.Matches(@"Number of MPI processes\s+=\s+2\b", log);
        Assert.Matches(@"Follower\s+1 runs on host", log);
        await AssertTheBackendGaveTheJobRanksAsync(motion.GetProperty("jobId").GetString()!, 2);
        await AssertEveryMovieRecoversItsDriftAsync(alice, id, run, truths);
    }

    /// <summary>What the backend itself recorded of the job's ranks, where it keeps such a record (a scheduler does).</summary>
    protected virtual Task AssertTheBackendGaveTheJobRanksAsync(string jobId, int ranks) => Task.CompletedTask;

    /// <summary>Alice uploads two movies of known drift into a new project and aligns them with these parameters; the run must complete.</summary>
    private async Task<(string User, string ProjectId, string RunId, JsonElement Run, Dictionary<string, DriftTruth> Truths)> AlignTwoUploadedMoviesAsync(object parameters)
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

        var runId = await Runs.StartAsync(_api, alice, id, new { tool = "movie-alignment", inputs = new { movies = "Movies/*.mrcs" }, parameters });
        var run = await Runs.WaitAsync(_api, alice, id, runId, Runs.IsFinished, RunLimit);
        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString());
        return (alice, id, runId, run, truths);
    }

    /// <summary>Reads the results back from the project, as a user downloading them would, and compares them with the truth.</summary>
    private async Task AssertEveryMovieRecoversItsDriftAsync(string user, string projectId, JsonElement run, Dictionary<string, DriftTruth> truths)
    {
        var downloaded = await Runs.DownloadAllAsync(_api, user, projectId, Runs.Outputs(run).Where(o => o.EndsWith(".star", StringComparison.Ordinal)));
        var runId = run.GetProperty("runId").GetString();
        var result = MotionCorrectionResult.Read(downloaded, $"Runs/{runId}/MotionCorr/job001/corrected_micrographs.star");
        Assert.Equal(truths.Keys.Order(StringComparer.Ordinal), result.Movies.Select(m => m.Movie).Order(StringComparer.Ordinal));
        foreach (var movie in result.Movies)
        {
            var error = DriftError.RmsPixels(movie, truths[movie.Movie]);
            Assert.True(error < 0.5, $"{movie.Movie}: drift error {error:F3} px RMS");
        }
    }
}

[Collection(LocalHostCollection.Name)]
public sealed class WorkflowRunTestsOnLocal(LocalHostFixture fixture) : WorkflowRunTests(fixture);

[Collection(SlurmHostCollection.Name)]
public sealed class WorkflowRunTestsOnSlurm : WorkflowRunTests
{
    private readonly Slurm _slurm;

    public WorkflowRunTestsOnSlurm(SlurmHostFixture fixture)
        : base(fixture) => _slurm = fixture.Slurm;

    protected override async Task AssertTheBackendGaveTheJobRanksAsync(string jobId, int ranks)
    {
        var job = Assert.Single(await _slurm.JobsNamedAsync(jobId));
        Assert.Contains($"NumTasks={ranks} ", job, StringComparison.Ordinal);
        Assert.Contains("JobState=COMPLETED", job, StringComparison.Ordinal);
    }
}
