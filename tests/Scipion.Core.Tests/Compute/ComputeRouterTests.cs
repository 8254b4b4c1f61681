using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Tools;
using Xunit;

namespace Scipion.Core.Tests.Compute;

public sealed class ComputeRouterTests
{
    private static readonly JobDescription Job = new()
    {
        Id = JobId.For("r1", "motion-correction"),
        WorkingDirectory = "/work",
        JobFolder = "Runs/r1/MotionCorr/job002",
        Commands = [new CommandStep("true", [])],
    };

    [Fact]
    public void A_step_without_a_placement_goes_to_the_default_backend()
    {
        var router = Router(new ComputeOptions { Default = "slurm/debug" });

        var (backend, job) = router.Route("import", Job, null);

        Assert.Equal("slurm", backend.Name);
        Assert.Equal("debug", job.Queue);
    }

    [Fact]
    public void A_step_placement_sends_that_step_to_its_backend_and_queue()
    {
        var router = Router(new ComputeOptions { Default = "local", Steps = { ["motion-correction"] = "slurm/gpu" } });

        var (backend, job) = router.Route("motion-correction", Job, null);

        Assert.Equal("slurm", backend.Name);
        Assert.Equal("gpu", job.Queue);
        Assert.Equal("local", router.Route("import", Job, null).Backend.Name);
    }

    [Fact]
    public void A_step_placement_may_spell_the_step_with_underscores_as_Linux_app_settings_must()
    {
        var router = Router(new ComputeOptions { Steps = { ["motion_correction"] = "slurm/gpu" } });

        Assert.Equal(new ComputePlacement("slurm", "gpu"), router.PlacementOf("motion-correction", null));
    }

    [Fact]
    public void A_run_naming_a_backend_and_queue_overrides_every_step_placement()
    {
        var router = Router(new ComputeOptions { Default = "local", Steps = { ["motion-correction"] = "slurm/gpu" } });
        var parameters = Parameters("""{"compute":{"backend":"slurm","queue":"debug"}}""");

        Assert.Equal(new ComputePlacement("slurm", "debug"), router.PlacementOf("motion-correction", parameters));
        Assert.Equal(new ComputePlacement("slurm", "debug"), router.PlacementOf("import", parameters));
    }

    [Fact]
    public void A_run_naming_only_a_queue_keeps_each_steps_backend()
    {
        var router = Router(new ComputeOptions { Default = "slurm", Steps = { ["motion-correction"] = "slurm/gpu" } });

        Assert.Equal(new ComputePlacement("slurm", "debug"), router.PlacementOf("motion-correction", Parameters("""{"compute":{"queue":"debug"}}""")));
    }

    [Fact]
    public void A_run_naming_an_unknown_backend_is_a_validation_error_naming_the_known_ones()
    {
        var router = Router(new ComputeOptions());

        var error = Assert.Throws<ScipionError>(() => router.ValidateRun(Parameters("""{"compute":{"backend":"pbs"}}""")));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("Unknown compute backend 'pbs'; this deployment has local, slurm.", error.Errors!["parameters.compute.backend"].Single());
    }

    [Fact]
    public void A_run_naming_a_queue_the_backend_does_not_have_is_a_validation_error()
    {
        var router = Router(new ComputeOptions());

        var error = Assert.Throws<ScipionError>(() => router.ValidateRun(Parameters("""{"compute":{"backend":"slurm","queue":"nope"}}""")));

        Assert.Equal("No partition 'nope'.", error.Errors!["parameters.compute.queue"].Single());
    }

    [Fact]
    public void A_queue_for_a_backend_without_queues_is_a_validation_error()
    {
        var router = Router(new ComputeOptions());

        var error = Assert.Throws<ScipionError>(() => router.ValidateRun(Parameters("""{"compute":{"backend":"local","queue":"gpu"}}""")));

        Assert.Equal("The local backend has no queues; leave the queue out.", error.Errors!["parameters.compute.queue"].Single());
    }

    [Fact]
    public void A_configured_placement_naming_an_unknown_backend_stops_the_host_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Router(new ComputeOptions { Steps = { ["refine"] = "azure-batch/gpu" } }));

        Assert.Contains("Compute:Steps:refine = 'azure-batch/gpu': Unknown compute backend 'azure-batch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tools_accept_the_compute_parameter_and_report_a_malformed_one_with_the_other_problems()
    {
        var arguments = new ToolArguments(null, Parameters("""{"compute":"slurm","colour":1}"""));

        var error = Assert.Throws<ScipionError>(arguments.ThrowIfInvalid);

        Assert.Equal(["parameters.colour", "parameters.compute"], error.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    private static ComputeRouter Router(ComputeOptions options) =>
        new([new FakeBackend("local"), new QueuedBackend("slurm", "debug", "gpu")], options);

    private static JsonObject Parameters(string json) => JsonNode.Parse(json)!.AsObject();

    private class FakeBackend(string name) : IComputeBackend
    {
        public string Name => name;

        public Task<JobStatus> SubmitAsync(JobDescription job, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JobStatus> GetStatusAsync(JobId id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<JobStatus> CancelAsync(JobId id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class QueuedBackend(string name, params string[] queues) : FakeBackend(name), IComputeQueues
    {
        public string? QueueProblem(string queue) => queues.Contains(queue) ? null : $"No partition '{queue}'.";
    }
}
