using Microsoft.Extensions.Options;
using Scipion.Core.Tools;
using Scipion.Storage;
using Scipion.Workflows;
using Scipion.Workflows.Runs;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>
/// The work folder of a run whose step ran on a backend that moves its own files: the step's outputs come back from
/// the project for reports and later steps, and are not uploaded a second time.
/// </summary>
public sealed class ProjectStorageStepTests(SiteStorage storage) : IClassFixture<SiteStorage>
{
    private readonly RunWorkspace _workspace = new(
        new BlobProjectFolder(storage.Blobs, new BlobSasSigner(storage.Blobs, TimeProvider.System), Options.Create(new SignedUrlOptions()), TimeProvider.System),
        new ToolCatalog(),
        Options.Create(new WorkflowOptions { WorkRoot = Directory.CreateTempSubdirectory("platform-work-").FullName }));

    [Fact]
    public async Task Outputs_a_site_uploaded_are_fetched_into_the_work_folder_and_not_published_again()
    {
        var run = new RunRef("p1", $"r{Guid.NewGuid():N}"[..12]);
        var output = storage.Project("p1").GetBlobClient($"Runs/{run.RunId}/LocalRes/job001/relion_locres.mrc");
        await output.UploadAsync(BinaryData.FromString("a map from the site"));
        var uploaded = (await output.GetPropertiesAsync()).Value.ETag;

        var fetched = await _workspace.FetchAsync(run, $"Runs/{run.RunId}/LocalRes/job001", CancellationToken.None);
        var again = await _workspace.FetchAsync(run, $"Runs/{run.RunId}/LocalRes/job001", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_workspace.DirectoryOf(run), "Runs", run.RunId, "report.md"), "# drawn here");
        var outputs = await _workspace.PublishAsync(run, CancellationToken.None);

        Assert.Equal((1, 0), (fetched, again));
        Assert.Equal("a map from the site", await File.ReadAllTextAsync(Path.Combine(_workspace.DirectoryOf(run), "Runs", run.RunId, "LocalRes/job001/relion_locres.mrc")));
        Assert.Equal([$"Runs/{run.RunId}/LocalRes/job001/relion_locres.mrc", $"Runs/{run.RunId}/report.md"], outputs);
        Assert.Equal(uploaded, (await output.GetPropertiesAsync()).Value.ETag);
        Assert.True(await storage.Project("p1").GetBlobClient($"Runs/{run.RunId}/report.md").ExistsAsync());
    }

    [Fact]
    public async Task A_step_on_such_a_backend_sees_every_file_of_the_run_once_earlier_outputs_are_published()
    {
        var run = new RunRef("p2", $"r{Guid.NewGuid():N}"[..12]);
        storage.Project("p2"); // Its container, as creating the project makes it.
        var root = _workspace.DirectoryOf(run);
        foreach (var path in new[] { "Maps/half1.mrc", $"Runs/{run.RunId}/MaskCreate/job001/mask.mrc", $"Runs/{run.RunId}/LocalRes/job001/old.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            await File.WriteAllTextAsync(Path.Combine(root, path), path);
        }

        var files = await _workspace.ShareAsync(run, $"Runs/{run.RunId}/LocalRes/job001", CancellationToken.None);

        Assert.Equal(["Maps/half1.mrc", $"Runs/{run.RunId}/MaskCreate/job001/mask.mrc"], files);
        Assert.True(await storage.Project("p2").GetBlobClient($"Runs/{run.RunId}/MaskCreate/job001/mask.mrc").ExistsAsync());
    }
}
