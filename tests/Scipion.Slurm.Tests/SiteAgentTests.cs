using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging.Abstractions;
using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;
using Scipion.SiteAgent;
using Scipion.Testing;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>A facility's agent next to Slurm, with project storage (Azurite) reachable only through SAS URLs.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SiteAgentTests(SlurmFixture slurm) : IAsyncLifetime
{
    private static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private Azurite? _azurite;
    private BlobContainerClient _projects = null!;
    private QueueClient _jobs = null!;
    private QueueClient _reports = null!;
    private QueueClient _cancels = null!;
    private readonly List<SiteJobReport> _received = [];

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        _projects = new BlobContainerClient(_azurite.ConnectionString, "projects");
        await _projects.CreateAsync();
        _jobs = new QueueClient(_azurite.ConnectionString, SiteMessages.JobsQueue, Base64);
        _reports = new QueueClient(_azurite.ConnectionString, SiteMessages.ReportsQueue, Base64);
        _cancels = new QueueClient(_azurite.ConnectionString, SiteMessages.CancelsQueue, Base64);
        await _jobs.CreateAsync();
        await _reports.CreateAsync();
        await _cancels.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_agent_runs_a_queued_job_on_Slurm_and_its_outputs_arrive_in_the_project_container()
    {
        await Upload("p1/Movies/a.txt", "hello from the microscope");
        var request = await Request("p1", ["Movies/a.txt"]);
        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));
        var agent = Agent(out _);

        Assert.True(await agent.RunNextAsync(CancellationToken.None));

        var output = _projects.GetBlobClient("p1/Runs/r1/Upper/job001/upper.txt");
        Assert.Equal("HELLO FROM THE MICROSCOPE", (await output.DownloadContentAsync()).Value.Content.ToString().Trim());
        var reports = await Reports();
        var final = Assert.Single(reports, r => r.Final);
        Assert.Equal(JobState.Completed, final.State);
        Assert.Equal(["Movies/a.txt"], final.Downloaded);
        Assert.Contains("p1/Runs/r1/Upper/job001/run.out", final.Uploaded);
        Assert.Null((await _jobs.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task A_redelivered_request_reuses_the_staged_inputs_and_the_Slurm_job_it_already_has()
    {
        await Upload("p2/Movies/a.txt", "once");
        var request = await Request("p2", ["Movies/a.txt"]);
        var agent = Agent(out var backend);
        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));
        await agent.RunNextAsync(CancellationToken.None);
        string? first = await backend.SlurmJobIdOfAsync(JobId.Parse(request.JobId));

        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));
        await agent.RunNextAsync(CancellationToken.None);

        var finals = (await Reports()).Where(r => r.Final).ToList();
        Assert.Equal(2, finals.Count);
        Assert.All(finals, r => Assert.Equal(JobState.Completed, r.State));
        Assert.Empty(finals[1].Downloaded);
        Assert.Equal(first, await backend.SlurmJobIdOfAsync(JobId.Parse(request.JobId)));
    }

    [Fact]
    public async Task An_input_that_arrives_with_the_wrong_checksum_fails_the_job_saying_so()
    {
        await Upload("p3/Movies/a.txt", "the real content");
        var genuine = await Request("p3", ["Movies/a.txt"]);
        var request = genuine with { Inputs = [genuine.Inputs[0] with { ContentMd5 = Convert.ToBase64String(MD5.HashData("other"u8.ToArray())) }] };
        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));

        await Agent(out _).RunNextAsync(CancellationToken.None);

        var final = Assert.Single(await Reports(), x => x.Final);
        Assert.Equal(JobState.Failed, final.State);
        Assert.Contains("Movies/a.txt arrived with MD5", final.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_canceled_before_the_agent_takes_it_is_reported_canceled_without_running()
    {
        await Upload("p4/Movies/a.txt", "never read");
        var request = await Request("p4", ["Movies/a.txt"]);
        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));
        await _cancels.SendMessageAsync(SiteMessages.Serialize(new SiteJobCancel(request.JobId, DateTimeOffset.UtcNow)));

        await Agent(out _).RunNextAsync(CancellationToken.None);

        var final = Assert.Single(await Reports(), r => r.Final);
        Assert.Equal(JobState.Canceled, final.State);
        Assert.Empty(final.Downloaded);
        Assert.False(await _projects.GetBlobClient("p4/Runs/r1/Upper/job001/upper.txt").ExistsAsync());
        Assert.Null((await _jobs.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task A_cancel_sent_while_the_job_runs_stops_it_on_Slurm_and_its_log_still_arrives()
    {
        await Upload("p5/Movies/a.txt", "long");
        var request = await Request("p5", ["Movies/a.txt"]) with { Commands = [SlurmFixture.Shell("echo started; sleep 600")] };
        await _jobs.SendMessageAsync(SiteMessages.Serialize(request));
        var agent = Agent(out _);
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var running = agent.RunNextAsync(guard.Token);
        while (!(await Reports()).Any(r => r.State == JobState.Running))
        {
            await Task.Delay(250, guard.Token);
        }

        await _cancels.SendMessageAsync(SiteMessages.Serialize(new SiteJobCancel(request.JobId, DateTimeOffset.UtcNow)), guard.Token);
        await running;

        var final = Assert.Single(await Reports(), r => r.Final);
        Assert.Equal(JobState.Canceled, final.State);
        Assert.Contains("p5/Runs/r1/Upper/job001/run.out", final.Uploaded);
    }

    private SiteJobRunner Agent(out SlurmBackend backend)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var options = new SiteAgentOptions
        {
            Site = "test-facility",

            // Queue SAS URLs only: the agent holds no account key.
            JobsQueueUrl = _jobs.GenerateSasUri(QueueSasPermissions.Read | QueueSasPermissions.Process | QueueSasPermissions.Update, expires).ToString(),
            ReportsQueueUrl = _reports.GenerateSasUri(QueueSasPermissions.Add, expires).ToString(),
            CancelsQueueUrl = _cancels.GenerateSasUri(QueueSasPermissions.Read | QueueSasPermissions.Process, expires).ToString(),
            WorkRoot = Directory.CreateTempSubdirectory("site-").FullName,
            PollInterval = TimeSpan.FromMilliseconds(500),
        };
        backend = slurm.Backend();
        return new SiteJobRunner(options, backend, NullLogger<SiteJobRunner>.Instance);
    }

    private async Task<SiteJobRequest> Request(string project, IReadOnlyList<string> inputs)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var job = new JobDescription
        {
            Id = JobId.For($"r{Guid.NewGuid():N}"[..12], "upper"),
            WorkingDirectory = "unused-by-sites",
            JobFolder = "Runs/r1/Upper/job001",
            Commands = [SlurmFixture.Shell("tr a-z A-Z < Movies/a.txt > Runs/r1/Upper/job001/upper.txt")],
            Resources = new JobResources { MemoryMegabytes = 256, WallTime = TimeSpan.FromMinutes(5) },
            Outputs = ["Runs/r1/Upper/job001/upper.txt"],
        };
        var files = new List<SiteFile>();
        foreach (string path in inputs)
        {
            // As the platform would: a read SAS per input, with the length and MD5 storage reports.
            var blob = _projects.GetBlobClient($"{project}/{path}");
            var properties = (await blob.GetPropertiesAsync()).Value;
            files.Add(new SiteFile(path, blob.GenerateSasUri(BlobSasPermissions.Read, expires), properties.ContentLength,
                Convert.ToBase64String(properties.ContentHash)));
        }

        var output = _projects.GenerateSasUri(BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write, expires);
        return SiteJobRequest.For(job, $"{project}/{job.Id}", files, "Runs/r1", output, $"{project}/");
    }

    private Task Upload(string name, string text) =>
        _projects.GetBlobClient(name).UploadAsync(new BinaryData(Encoding.UTF8.GetBytes(text)), overwrite: true);

    /// <summary>Every report this test has taken off the queue so far.</summary>
    private async Task<IReadOnlyList<SiteJobReport>> Reports()
    {
        while ((await _reports.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                _received.Add(SiteMessages.Deserialize<SiteJobReport>(message.MessageText));
                await _reports.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return _received;
    }
}
