using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Xunit;
using static Scipion.Slurm.Tests.SlurmFixture;

namespace Scipion.Slurm.Tests;

[Collection(SlurmCollection.Name)]
public sealed class SlurmBackendTests(SlurmFixture slurm)
{
    [Fact]
    public async Task A_job_runs_its_commands_in_order_in_its_working_directory_and_completes_with_its_outputs()
    {
        using var backend = slurm.Backend();
        var job = Job(
            [Shell("echo first > out/a.txt"), Shell("cat out/a.txt > out/b.txt && echo second-done")],
            outputs: ["out/a.txt", "out/b.txt"]);

        await backend.SubmitAsync(job);
        var status = await WaitAsync(backend, job.Id);

        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal("first", File.ReadAllText(Path.Combine(job.WorkingDirectory, "out/b.txt")).Trim());
        Assert.Contains("second-done", status.LogTail, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(job.JobFolderPath, SlurmBackend.OutLog)));
        Assert.NotNull(status.StartedAt);
        Assert.NotNull(status.FinishedAt);
    }

    [Fact]
    public async Task A_failing_command_fails_the_job_with_its_exit_code_and_log_tail_and_stops_the_commands_after_it()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("echo 'cannot read movie' >&2; exit 3"), Shell("touch never.txt")]);

        await backend.SubmitAsync(job);
        var status = await WaitAsync(backend, job.Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal(3, status.ExitCode);
        Assert.Equal("sh exited with code 3.", status.Message);
        Assert.Contains("cannot read movie", status.LogTail, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(job.WorkingDirectory, "never.txt")));
    }

    [Fact]
    public async Task A_job_that_exits_0_without_writing_its_outputs_fails_naming_them()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("true")], outputs: ["out/missing.star"]);

        await backend.SubmitAsync(job);
        var status = await WaitAsync(backend, job.Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("Finished but did not write out/missing.star.", status.Message);
    }

    [Fact]
    public async Task A_job_past_its_wall_time_fails_saying_it_exceeded_its_wall_time()
    {
        using var backend = slurm.Backend();

        // 20 s rounds up to Slurm's smallest limit, one minute.
        var job = Job([Shell("sleep 600")], new JobResources { MemoryMegabytes = 256, WallTime = TimeSpan.FromSeconds(20) });

        await backend.SubmitAsync(job);
        var status = await WaitAsync(backend, job.Id);

        Assert.Equal(JobState.Failed, status.State);
        Assert.Equal("Exceeded its wall time of 1 min.", status.Message);
    }

    [Fact]
    public async Task A_running_job_that_is_canceled_ends_canceled()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("echo started; sleep 600")]);

        await backend.SubmitAsync(job);
        await WaitAsync(backend, job.Id, s => s.State != JobState.Pending);
        var status = await backend.CancelAsync(job.Id);

        Assert.Equal(JobState.Canceled, status.State);
        Assert.Equal(JobState.Canceled, (await backend.GetStatusAsync(job.Id)).State);
    }

    [Fact]
    public async Task Submitting_the_same_job_again_returns_the_same_Slurm_job_and_starts_nothing()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("sleep 2; echo once >> count.txt")]);

        await backend.SubmitAsync(job);
        string? first = await backend.SlurmJobIdOfAsync(job.Id);
        await backend.SubmitAsync(job);
        string? second = await backend.SlurmJobIdOfAsync(job.Id);
        await WaitAsync(backend, job.Id);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(["once"], File.ReadAllLines(Path.Combine(job.WorkingDirectory, "count.txt")));
        string named = await slurm.Slurm.RunAsync("squeue", "--noheader", "--states=all", $"--name={job.Id}", "--format=%i");
        Assert.Equal([first], named.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_host_that_lost_its_record_after_sbatch_finds_the_job_by_its_name_instead_of_submitting_it_twice()
    {
        using var first = slurm.Backend();
        var job = Job([Shell("sleep 600")]);
        await first.SubmitAsync(job);
        string? submitted = await first.SlurmJobIdOfAsync(job.Id);
        File.Delete(Path.Combine(job.JobFolderPath, "slurm.json"));

        using var restarted = slurm.Backend();
        await restarted.SubmitAsync(job);
        string? found = await restarted.SlurmJobIdOfAsync(job.Id);
        await restarted.CancelAsync(job.Id);

        Assert.Equal(submitted, found);
    }

    [Fact]
    public async Task An_MPI_step_runs_its_two_ranks_through_Slurm()
    {
        using var backend = slurm.Backend();
        var job = Job(
            [new CommandStep("sh", ["-c", "echo single"], MpiProgram: "sh") with { Arguments = ["-c", "echo rank $OMPI_COMM_WORLD_RANK of $OMPI_COMM_WORLD_SIZE"] }],
            new JobResources { MpiRanks = 2, MemoryMegabytes = 256, WallTime = TimeSpan.FromMinutes(5) });

        await backend.SubmitAsync(job);
        var status = await WaitAsync(backend, job.Id);

        Assert.Equal(JobState.Completed, status.State);
        var lines = File.ReadAllLines(Path.Combine(job.JobFolderPath, SlurmBackend.OutLog));
        Assert.Contains("rank 0 of 2", lines);
        Assert.Contains("rank 1 of 2", lines);
        string shown = await slurm.Slurm.RunAsync("scontrol", "show", "job", "-o", (await backend.SlurmJobIdOfAsync(job.Id))!);
        Assert.Contains("NumTasks=2", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_runs_in_the_partition_it_names()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("true")], queue: Testing.Slurm.SecondPartition);

        await backend.SubmitAsync(job);
        await WaitAsync(backend, job.Id);

        string shown = await slurm.Slurm.RunAsync("scontrol", "show", "job", "-o", (await backend.SlurmJobIdOfAsync(job.Id))!);
        Assert.Contains($"Partition={Testing.Slurm.SecondPartition}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partition_Slurm_does_not_have_is_a_validation_error_naming_it()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("true")], queue: "nosuchpartition");

        var error = await Assert.ThrowsAsync<ScipionError>(() => backend.SubmitAsync(job));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("nosuchpartition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_controller_is_down_submit_and_status_fail_with_a_clear_error_instead_of_hanging()
    {
        var options = slurm.Options();
        using var up = new SlurmBackend(options);
        var job = Job([Shell("sleep 600")]);
        await up.SubmitAsync(job);
        using var unreachable = new SlurmBackend(slurm.Options(
            configFile: slurm.Slurm.WriteUnreachableConfig(), commandTimeout: TimeSpan.FromSeconds(5), stateDirectory: options.StateDirectory));

        var submit = await Assert.ThrowsAsync<SlurmUnreachableException>(() => unreachable.SubmitAsync(Job([Shell("true")])));
        var status = await Assert.ThrowsAsync<SlurmUnreachableException>(() => unreachable.GetStatusAsync(job.Id));
        await up.CancelAsync(job.Id);

        Assert.StartsWith("Slurm is unreachable", submit.Message, StringComparison.Ordinal);
        Assert.StartsWith("Slurm is unreachable", status.Message, StringComparison.Ordinal);
    }
}
