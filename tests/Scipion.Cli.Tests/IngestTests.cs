using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Scipion.Cli.Commands;
using Scipion.Cli.Transfer;
using Scipion.Testing;

namespace Scipion.Cli.Tests;

[Collection(CliHostCollection.Name)]
public sealed class IngestTests(CliHostFixture fixture)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Ingest_uploads_each_movie_once_only_after_it_is_fully_written_and_a_streaming_pipeline_aligns_them_all()
    {
        var (cli, user, projectId) = await SignedIn.WithProjectAsync(fixture, "Ingest");
        var acquisition = Directory.CreateTempSubdirectory("epu-").FullName;
        var microscope = new FakeMicroscope(acquisition, Path.Combine("Images-Disc1", "GridSquare_1", "Data"), 20);
        var remoteFolder = "Movies/Images-Disc1/GridSquare_1/Data/";

        var start = await cli.RunAsync(
            "runs", "start", "--project", projectId, "--tool", "pipeline", "--input", $"movies={remoteFolder}*.mrcs",
            "--param", "pixelSize=1", "--param", "patches=[1,1]", "--param", "streaming=true");
        Assert.True(start.ExitCode == 0, start.ToString());
        var runId = start.Output.Trim();
        await Runs.WaitAsync(fixture.Api, user, projectId, runId, r => r.GetProperty("status").GetString() == "Running", RunLimit);

        // A block list committed for a movie the detector is still writing would be an early upload.
        var early = new ConcurrentBag<string>();
        cli.Storage.BeforeSend = request =>
        {
            if (request.RequestUri!.Query.Contains("comp=blocklist", StringComparison.Ordinal)
                && !microscope.Finished.ContainsKey(Path.GetFileName(Uri.UnescapeDataString(request.RequestUri.AbsolutePath))))
            {
                early.Add(request.RequestUri.AbsolutePath);
            }
        };
        var writing = microscope.RunAsync(CancellationToken.None);
        var ingest = await cli.RunAsync("ingest", acquisition, "--project", projectId, "--settle", "1", "--poll", "0.2", "--exit-when-idle", "8");
        await writing;

        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Empty(early);
        Assert.Contains(ingest.Output.Split('\n'), line => line.Contains(": found, ", StringComparison.Ordinal) && !line.Contains("513.0 KiB", StringComparison.Ordinal));

        // Exactly once: one committed block list per movie, and storage holds every movie whole.
        var commits = cli.Storage.PutBlockLists.GroupBy(r => Path.GetFileName(r.Path)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(microscope.Names.Order(), commits.Keys.Order());
        Assert.All(commits.Values, n => Assert.Equal(1, n));
        var blobs = new Dictionary<string, BlobItem>();
        await foreach (var blob in fixture.Project(projectId).GetBlobsAsync(BlobTraits.None, BlobStates.None, "Movies/", default))
        {
            blobs[blob.Name] = blob;
        }

        Assert.Equal(microscope.Names.Select(n => remoteFolder + n).Order(), blobs.Keys.Order());
        foreach (var name in microscope.Names)
        {
            var local = await File.ReadAllBytesAsync(microscope.PathOf(name));
            var blob = blobs[remoteFolder + name];
            Assert.Equal(local.Length, blob.Properties.ContentLength);
            Assert.Equal(MD5.HashData(local), blob.Properties.ContentHash);
        }

        using (var journal = UploadJournal.Open(Path.Combine(acquisition, IngestCommand.JournalName)))
        {
            Assert.Equal(20, journal.All().Count(f => f.IsDone));
        }

        // The streaming pipeline aligned every movie from its upload event alone, each in a motion-correction job of its own.
        var aligned = new System.Text.RegularExpressions.Regex($"^Runs/{runId}/MotionCorr/job[0-9]{{3}}/{remoteFolder}");
        bool AllAligned(System.Text.Json.JsonElement run) => microscope.Names.All(n =>
            Runs.Outputs(run).Any(o => aligned.IsMatch(o) && o.EndsWith("/" + Path.ChangeExtension(n, ".mrc"), StringComparison.Ordinal)));
        var final = await Runs.WaitAsync(fixture.Api, user, projectId, runId, r => AllAligned(r) || Runs.IsFinished(r), RunLimit);
        Assert.True(AllAligned(final), final.ToString());

        // A restarted agent finds everything in its journal and uploads nothing again.
        cli.ResetCounters();
        var again = await cli.RunAsync("ingest", acquisition, "--project", projectId, "--settle", "1", "--poll", "0.2", "--exit-when-idle", "2");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(cli.Storage.Requests);
        Assert.DoesNotContain(cli.ApiCalls.Requests, r => r.Path.EndsWith("/uploads", StringComparison.Ordinal));
        Assert.Contains("20 already uploaded", again.Output, StringComparison.Ordinal);

        var cancel = await cli.RunAsync("runs", "cancel", "--project", projectId, runId);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
    }
}
