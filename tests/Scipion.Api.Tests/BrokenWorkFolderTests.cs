using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>A project whose work folder cannot be made: every activity that touches it fails, again and again.</summary>
public sealed class BrokenWorkFolderTests
{
    [Fact]
    public async Task A_run_whose_activity_keeps_failing_ends_failed_naming_the_activity_instead_of_staying_running()
    {
        var workRoot = Directory.CreateTempSubdirectory("broken-work-");
        await using var azurite = await Azurite.StartAsync();
        await using var host = await LocalHostInstance.StartAsync(azurite, "Development", $"--Workflows:WorkRoot={workRoot.FullName}");
        var api = new ApiClient(host);
        var alice = ApiClient.NewUser("alice");
        var id = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        // A file where the project's work folder should be: making folders under it fails for any user, root included.
        await File.WriteAllTextAsync(Path.Combine(workRoot.FullName, id), "not a folder");
        await Uploads.PutAsync(await api.StartUploadAsync(alice, id, "Movies/movie_001.mrcs", 4), [1, 2, 3, 4]);

        var runId = await Runs.StartAsync(api, alice, id, new
        {
            tool = "movie-alignment",
            inputs = new { movies = "Movies/*.mrcs" },
            parameters = new { pixelSize = 1.0 },
        });
        var run = await Runs.WaitAsync(api, alice, id, runId, Runs.IsFinished, TimeSpan.FromMinutes(5));

        Assert.True(run.GetProperty("status").GetString() == "Failed", run.ToString());
        var error = run.GetProperty("error");
        Assert.Equal("The run failed in PrepareRunActivity", error.GetProperty("title").GetString());
        Assert.Contains("after 5 attempts", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        workRoot.Delete(recursive: true);
    }
}
