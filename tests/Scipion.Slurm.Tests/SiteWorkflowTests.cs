using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging.Abstractions;
using Scipion.Compute.Local;
using Scipion.Core.Compute;
using Scipion.Core;
using Scipion.Core.Compute.Sites;
using Scipion.Core.Formats;
using Scipion.SiteAgent;
using Scipion.Synthetic;
using Scipion.Testing;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>
/// Issue 4's "done when": a run started over HTTP with its steps placed on a compute site runs on that site's Slurm
/// through the queue, with the project reachable from the site only by SAS URLs, and its outputs arrive in the project.
/// </summary>
[Collection(SlurmCollection.Name)]
public sealed class SiteWorkflowOnSlurmTests(SlurmFixture slurm) : SiteWorkflowTests
{
    protected override IComputeBackend SiteCompute() => slurm.Backend();

    protected override string SiteJobRecord => "slurm.json"; // SlurmJobRecord.FileName, internal to the backend
}

/// <summary>The same run with the site's jobs as local processes: the platform's side of a site, where no Slurm can start.</summary>
public sealed class SiteWorkflowOnLocalProcessesTests : SiteWorkflowTests
{
    private readonly string _state = Directory.CreateTempSubdirectory("site-jobs-").FullName;

    protected override IComputeBackend SiteCompute() => new LocalProcessBackend(new LocalBackendOptions { StateDirectory = _state });

    protected override string SiteJobRecord => "job.json"; // LocalJobRecord.FileName, internal to the backend
}

/// <summary>A platform (local host) and a site (agent in this process, with its own work root) sharing only queues and SAS URLs.</summary>
public abstract class SiteWorkflowTests : IAsyncLifetime
{
    // Only a guard against a hung run: three short RELION jobs, each going through two queues and a Slurm.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    private readonly string _platformRoot = Directory.CreateTempSubdirectory("platform-work-").FullName;
    private readonly string _siteRoot = Directory.CreateTempSubdirectory("site-work-").FullName;
    private Azurite? _azurite;
    private LocalHostInstance? _host;
    private SiteAgentWorker? _agent;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _host = await LocalHostInstance.StartAsync(_azurite, "Development",
            "--Site:Name=site",
            $"--Workflows:WorkRoot={_platformRoot}",
            "--Workflows:PollInterval=00:00:01");

        // The facility's side: its own work root, its own Slurm, and nothing of the platform but queue and blob SAS URLs.
        var expires = DateTimeOffset.UtcNow.AddHours(2);
        var queues = new QueueServiceClient(_azurite.ConnectionString);
        var options = new SiteAgentOptions
        {
            Site = "test-facility",
            JobsQueueUrl = queues.GetQueueClient(SiteMessages.JobsQueue).GenerateSasUri(QueueSasPermissions.Read | QueueSasPermissions.Process | QueueSasPermissions.Update, expires).ToString(),
            ReportsQueueUrl = queues.GetQueueClient(SiteMessages.ReportsQueue).GenerateSasUri(QueueSasPermissions.Add, expires).ToString(),
            CancelsQueueUrl = queues.GetQueueClient(SiteMessages.CancelsQueue).GenerateSasUri(QueueSasPermissions.Read | QueueSasPermissions.Process, expires).ToString(),
            WorkRoot = _siteRoot,
            PollInterval = TimeSpan.FromMilliseconds(500),
        };
        var runner = new SiteJobRunner(options, SiteCompute(), NullLogger<SiteJobRunner>.Instance);
        _agent = new SiteAgentWorker(runner, options, NullLogger<SiteAgentWorker>.Instance);
        await _agent.StartAsync(CancellationToken.None);
    }

    /// <summary>What runs the jobs at the site.</summary>
    protected abstract IComputeBackend SiteCompute();

    /// <summary>The file that backend leaves in a job folder it ran.</summary>
    protected abstract string SiteJobRecord { get; }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync(CancellationToken.None);
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_resolution_map_run_placed_on_the_site_runs_there_and_its_outputs_and_report_arrive_in_the_project()
    {
        var api = new ApiClient(_host!);
        var alice = ApiClient.NewUser("alice");
        var projectId = (await api.CreateProjectAsync(alice)).GetProperty("id").GetString()!;
        var (half1, half2) = SyntheticHalfMaps.Create(SyntheticMap.Asymmetric(64, 2.0).Render(), 8.0, seed: 3);
        var local = Directory.CreateTempSubdirectory("halfmaps-").FullName;
        foreach (var (name, map) in new[] { ("half1.mrc", half1), ("half2.mrc", half2) })
        {
            var file = Path.Combine(local, name);
            MrcFile.Write(file, map);
            await Uploads.PutAsync(await api.StartUploadAsync(alice, projectId, $"Maps/{name}", new FileInfo(file).Length), await File.ReadAllBytesAsync(file));
        }

        var runId = await Runs.StartAsync(api, alice, projectId, new
        {
            tool = "resolution-map",
            inputs = new { halfMap1 = "Maps/half1.mrc", halfMap2 = "Maps/half2.mrc" },
            parameters = new { bFactor = -100, compute = new { backend = "site" } },
        });
        var run = await Runs.WaitAsync(api, alice, projectId, runId, Runs.IsFinished, Limit);

        Assert.True(run.GetProperty("status").GetString() == "Completed", run.ToString());
        Assert.All(run.GetProperty("steps").EnumerateArray(), step => Assert.Equal("site", step.GetProperty("backend").GetString()));
        var folder = $"Runs/{runId}";
        var outputs = Runs.Outputs(run);
        foreach (var expected in new[] { "LocalRes/job001/relion_locres.mrc", "PostProcess/job001/postprocess.star", "histogram.png", "fsc.png", "report.md" })
        {
            Assert.Contains($"{folder}/{expected}", outputs);
        }

        // The jobs ran in the site's work root, on its backend, with inputs it downloaded; the platform's local backend ran none.
        var siteRun = Path.Combine(_siteRoot, projectId, runId);
        Assert.True(File.Exists(Path.Combine(siteRun, "Maps/half1.mrc")));
        Assert.True(File.Exists(Path.Combine(siteRun, folder, "LocalRes/job001", SiteJobRecord)));
        var localJobs = Path.Combine(_platformRoot, ".jobs");
        Assert.Empty(Directory.Exists(localJobs) ? Directory.EnumerateFiles(localJobs, $"{runId}*") : []);

        // What the site uploaded is in the project, the platform's report beside it.
        var project = new BlobContainerClient(_azurite!.ConnectionString, StorageNames.ProjectContainer(projectId));
        Assert.True(await project.GetBlobClient($"{folder}/LocalRes/job001/run.out").ExistsAsync());
        var report = System.Text.Encoding.UTF8.GetString(await Runs.DownloadAsync(api, alice, projectId, $"{folder}/report.md"));
        Assert.Contains("| local-resolution | Completed | site |", report, StringComparison.Ordinal);
        Assert.Contains("![histogram.png](histogram.png)", report, StringComparison.Ordinal);
    }
}
