using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent.Tests;

/// <summary>The agent on the Service Bus transport: which message is settled how, and what is reported.</summary>
public sealed class ServiceBusTransportTests : IDisposable
{
    private readonly FakeServiceBusClient _bus = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly SiteAgentOptions _options = new()
    {
        Site = "facility",
        Transport = SiteTransportKind.ServiceBus,
        ServiceBus = { FullyQualifiedNamespace = "sb-test.servicebus.windows.net", JobsQueue = "site-jobs-facility", ReportsQueue = "site-reports" },
        WorkRoot = Directory.CreateTempSubdirectory("site-bus-").FullName,
        PollInterval = TimeSpan.FromMilliseconds(1),
        Lease = TimeSpan.FromMinutes(5),
        RetryDelay = TimeSpan.FromMinutes(4),
        MaxDeliveries = 3,
    };

    public void Dispose() => Directory.Delete(_options.WorkRoot, recursive: true);

    [Fact]
    public async Task The_agent_takes_the_next_projects_session_from_its_jobs_queue_and_reports_to_the_reports_queue()
    {
        var session = new FakeSession("p1", SiteRequests.Received(SiteRequests.Upper("r1--upper"), "p1"));
        _bus.Sessions.Enqueue(session);

        Assert.True(await Runner(new FakeBackend()).RunNextAsync(CancellationToken.None));

        Assert.Equal(["site-jobs-facility"], _bus.AcceptedFrom);
        Assert.Equal("site-reports", _bus.Sender.Queue);
        Assert.All(_bus.Sender.Sent, m => Assert.Equal("p1", m.ApplicationProperties["scipion-project"]));
        Assert.All(_bus.Sender.Sent, m => Assert.Equal("r1--upper", m.CorrelationId));
    }

    [Fact]
    public async Task A_job_that_ran_is_completed_only_after_its_final_report()
    {
        var session = new FakeSession("p1", SiteRequests.Received(SiteRequests.Upper("r1--upper"), "p1"));
        _bus.Sessions.Enqueue(session);

        await Runner(new FakeBackend()).RunNextAsync(CancellationToken.None);

        var last = SiteMessages.Deserialize<SiteJobReport>(_bus.Sender.Sent[^1].Body.ToString());
        Assert.True(last.Final);
        Assert.Equal(JobState.Completed, last.State);
        Assert.Equal(["complete r1--upper", "dispose"], session.Log);
    }

    [Fact]
    public async Task A_job_that_failed_is_reported_failed_and_completed_so_it_does_not_run_again()
    {
        var session = new FakeSession("p1", SiteRequests.Received(SiteRequests.Upper("r1--upper"), "p1"));
        _bus.Sessions.Enqueue(session);

        await Runner(new FakeBackend { Finish = JobState.Failed }).RunNextAsync(CancellationToken.None);

        var last = SiteMessages.Deserialize<SiteJobReport>(_bus.Sender.Sent[^1].Body.ToString());
        Assert.Equal(JobState.Failed, last.State);
        Assert.True(last.Final);
        Assert.Equal(["complete r1--upper", "dispose"], session.Log);
    }

    [Fact]
    public async Task A_transient_failure_waits_the_retry_delay_holding_the_session_then_abandons_the_message()
    {
        var session = new FakeSession("p1", SiteRequests.Received(SiteRequests.Upper("r1--upper"), "p1"));
        _bus.Sessions.Enqueue(session);

        await Runner(new FakeBackend { Throw = new SlurmUnreachableException("Slurm is unreachable: slurmctld did not answer.") }).RunNextAsync(CancellationToken.None);

        var report = SiteMessages.Deserialize<SiteJobReport>(Assert.Single(_bus.Sender.Sent).Body.ToString());
        Assert.False(report.Final);
        Assert.StartsWith("Retrying: Slurm is unreachable", report.Message, StringComparison.Ordinal);
        // Four minutes in steps of half the lease, renewing the session lock after each.
        Assert.Equal([TimeSpan.FromMinutes(2.5), TimeSpan.FromMinutes(1.5)], _waits);
        Assert.Equal(["renew", "renew", "abandon r1--upper", "dispose"], session.Log);
    }

    [Fact]
    public async Task A_request_delivered_more_often_than_allowed_is_reported_failed_and_dead_lettered()
    {
        var session = new FakeSession("p1", SiteRequests.Received(SiteRequests.Upper("r1--upper"), "p1", deliveryCount: 4));
        _bus.Sessions.Enqueue(session);
        var backend = new FakeBackend();

        await Runner(backend).RunNextAsync(CancellationToken.None);

        var report = SiteMessages.Deserialize<SiteJobReport>(Assert.Single(_bus.Sender.Sent).Body.ToString());
        Assert.True(report.Final);
        Assert.Equal(JobState.Failed, report.State);
        Assert.Contains("Gave up after 3 attempts", report.Message, StringComparison.Ordinal);
        Assert.Equal(["dead-letter r1--upper (MaxDeliveriesExceeded)", "dispose"], session.Log);
        Assert.Equal(0, backend.Submissions);
    }

    [Fact]
    public async Task A_message_that_is_not_a_job_request_is_dead_lettered_without_a_report()
    {
        var junk = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("<job/>"), messageId: "m1", sessionId: "p1", contentType: "application/xml", deliveryCount: 1);
        var session = new FakeSession("p1", junk);
        _bus.Sessions.Enqueue(session);

        await Runner(new FakeBackend()).RunNextAsync(CancellationToken.None);

        Assert.Empty(_bus.Sender.Sent);
        Assert.Equal(["dead-letter m1 (NotASiteJobRequest)", "dispose"], session.Log);
    }

    [Fact]
    public async Task With_no_project_waiting_there_is_nothing_to_do()
    {
        Assert.False(await Runner(new FakeBackend()).RunNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_session_is_let_go_so_other_projects_get_their_turn()
    {
        var session = new FakeSession("p1");
        _bus.Sessions.Enqueue(session);

        Assert.False(await Runner(new FakeBackend()).RunNextAsync(CancellationToken.None));

        Assert.Equal(["dispose"], session.Log);
    }

    private SiteJobRunner Runner(IComputeBackend backend)
    {
        var transport = new ServiceBusTransport(_bus, _options.ServiceBus, _options.Lease, receiveWait: TimeSpan.Zero, (delay, _) =>
        {
            _waits.Add(delay);
            return Task.CompletedTask;
        });
        return new SiteJobRunner(transport, cancels: null, _options, backend, NullLogger<SiteJobRunner>.Instance);
    }

    /// <summary>A site backend whose jobs finish at once (or whose submission fails).</summary>
    private sealed class FakeBackend : IComputeBackend
    {
        public JobState Finish { get; init; } = JobState.Completed;

        public Exception? Throw { get; init; }

        public int Submissions { get; private set; }

        public string Name => "slurm";

        public Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default)
        {
            Submissions++;
            return Throw is not null ? Task.FromException<JobStatus>(Throw) : Task.FromResult(new JobStatus(job.Id, JobState.Running));
        }

        public Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) =>
            Task.FromResult(new JobStatus(id, Finish, ExitCode: Finish == JobState.Completed ? 0 : 1));

        public Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
