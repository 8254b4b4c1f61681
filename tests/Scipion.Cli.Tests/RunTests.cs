using Scipion.Synthetic;

namespace Scipion.Cli.Tests;

[Collection(CliHostCollection.Name)]
public sealed class RunTests(CliHostFixture fixture)
{
    [Fact]
    public async Task A_movie_uploaded_with_the_cli_is_aligned_by_a_watched_run_whose_outputs_download_locally()
    {
        var (cli, user, projectId) = await SignedIn.WithProjectAsync(fixture, "Align");
        var folder = Directory.CreateTempSubdirectory("movies-").FullName;
        new SyntheticMovie { Size = 128, Frames = 8, BlobCount = 100 }.Write(Path.Combine(folder, "m1.mrcs"));
        Assert.Equal(0, (await cli.RunAsync("upload", folder, "--project", projectId, "--prefix", "Movies")).ExitCode);

        var watched = await cli.RunAsync("runs", "start", "--project", projectId, "--tool", "movie-alignment",
            "--input", "movies=Movies/*.mrcs", "--param", "pixelSize=1", "--param", "patches=[1,1]", "--watch");

        Assert.True(watched.ExitCode == 0, watched.ToString());
        var runId = watched.Output.Split('\n')[0].Trim();
        Assert.Contains($"run {runId} completed", watched.Output, StringComparison.Ordinal);
        Assert.Contains("Completed", watched.Output, StringComparison.Ordinal);

        var listed = await cli.RunAsync("runs", "list", "--project", projectId);
        Assert.Contains(runId, listed.Output, StringComparison.Ordinal);

        var to = Directory.CreateTempSubdirectory("download-").FullName;
        var download = await cli.RunAsync("download", projectId, $"Runs/{runId}/", "--to", to);
        Assert.True(download.ExitCode == 0, download.ToString());
        Assert.True(File.Exists(Path.Combine(to, "Runs", runId, "MotionCorr", "job001", "Movies", "m1.mrc")), download.ToString());
        var png = await File.ReadAllBytesAsync(Path.Combine(to, "Runs", runId, "drift.png"));
        Assert.Equal((byte)'P', png[1]);
    }

    [Fact]
    public async Task A_project_shared_as_reader_is_listed_for_the_reader()
    {
        var (owner, _, projectId) = await SignedIn.WithProjectAsync(fixture, "Shared");
        var (reader, readerName, _) = await SignedIn.WithProjectAsync(fixture, "Other");

        var share = await owner.RunAsync("projects", "share", projectId, readerName, "--role", "reader");

        Assert.True(share.ExitCode == 0, share.ToString());
        var list = await reader.RunAsync("projects", "list");
        Assert.Contains(projectId, list.Output, StringComparison.Ordinal);
    }
}
