using Scipion.Compute.AzureBatch;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.AzureBatch.Tests;

public sealed class QueueTests
{
    [Fact]
    public async Task A_step_placed_on_a_queue_runs_on_that_queues_pool()
    {
        var harness = new BatchHarness(o => o.Queues["fast"] = "gpu");
        harness.Transport.Respond(201).Respond(201);

        await harness.Backend.SubmitAsync(BatchHarness.MotionCorrection() with { Queue = "fast" });

        Assert.Equal("gpu", (string?)harness.Transport.Requests[0].Json()["poolInfo"]!["poolId"]);
        Assert.Equal("/jobs/r1--gpu/tasks", harness.Transport.Requests[1].Path);
    }

    [Fact]
    public void Without_a_queue_table_each_pool_is_a_queue_of_its_own_name()
    {
        var harness = new BatchHarness();

        Assert.Null(harness.Backend.QueueProblem("gpu"));
        Assert.Null(harness.Backend.QueueProblem("mpi"));
        Assert.Contains("gpu, mpi", harness.Backend.QueueProblem("debug"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_router_refuses_a_run_naming_a_batch_queue_that_does_not_exist()
    {
        var harness = new BatchHarness(o => o.Queues["fast"] = "gpu");
        var router = new ComputeRouter([harness.Backend], new ComputeOptions { Default = "azure-batch/fast" });

        var error = Assert.Throws<ScipionError>(() => router.ValidateRun(System.Text.Json.Nodes.JsonNode.Parse("""{"compute":{"queue":"gpu"}}""")!.AsObject()));

        Assert.Contains("parameters.compute.queue", error.Errors!.Keys);
    }

    [Fact]
    public async Task A_gpu_step_sent_to_a_queue_whose_pool_has_no_gpus_is_refused_before_anything_is_sent()
    {
        var harness = new BatchHarness();

        var error = await Assert.ThrowsAsync<ScipionError>(() => harness.Backend.SubmitAsync(BatchHarness.MotionCorrection(new JobResources { Gpus = 1 }) with { Queue = "mpi" }));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("1 GPUs but a node of pool mpi (Standard_HB120rs_v3) has 0", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Transport.Requests);
    }

    [Fact]
    public void A_queue_naming_an_unknown_pool_fails_validation()
    {
        var options = BatchHarness.DefaultOptions();
        options.Queues["fast"] = "a100";

        var result = new BatchOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Batch:Queues:fast", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_a_step_on_a_queue_only_pool_is_found_again()
    {
        var harness = new BatchHarness(o =>
        {
            o.Queues["gpu"] = "gpu";
            o.Queues["mpi"] = "mpi";
            o.Queues["large"] = "highmem";
            o.Pools["highmem"] = new BatchPoolCapabilities { CoresPerNode = 64, MemoryMegabytesPerNode = 1_000_000, MaxNodes = 2 };
        });
        harness.Transport.Respond(404).Respond(404).Respond(200, SpecExample.Text("derived/Tasks_GetTask_Running.json")).Respond(404).Respond(404);

        var status = await harness.Backend.GetStatusAsync(JobId.For("r1", "MotionCorr"));

        Assert.Equal(JobState.Running, status.State);
        Assert.Equal("/jobs/r1--highmem/tasks/r1--MotionCorr", harness.Transport.Requests[2].Path);
    }
}
