using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Xunit;

namespace Scipion.Slurm.Tests;

public sealed class SlurmScriptTests
{
    private static readonly SlurmOptions Options = new();

    [Fact]
    public void The_request_asks_for_threads_ranks_gpus_memory_partition_and_whole_minutes_of_wall_time()
    {
        var job = SlurmFixture.Job([SlurmFixture.Shell("true")], new JobResources
        {
            Threads = 4, MpiRanks = 3, Gpus = 2, MemoryMegabytes = 8192, WallTime = TimeSpan.FromSeconds(61),
        });

        var request = SlurmScript.Request(job, "gpu", Options);

        Assert.Contains($"--job-name={job.Id}", request);
        Assert.Contains($"--chdir={job.WorkingDirectory}", request);
        Assert.Contains("--cpus-per-task=4", request);
        Assert.Contains("--ntasks=3", request);
        Assert.Contains("--gres=gpu:2", request);
        Assert.Contains("--mem=8192M", request);
        Assert.Contains("--time=2", request);
        Assert.Contains("--partition=gpu", request);
        Assert.Contains("--requeue", request);
        Assert.Contains($"--output={Path.Combine(job.JobFolderPath, "run.out")}", request);
    }

    [Fact]
    public void A_job_without_gpus_or_partition_asks_for_neither()
    {
        var request = SlurmScript.Request(SlurmFixture.Job([SlurmFixture.Shell("true")]), null, Options);

        Assert.DoesNotContain(request, r => r.StartsWith("--gres", StringComparison.Ordinal) || r.StartsWith("--partition", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_with_several_ranks_runs_its_MPI_program_under_the_launcher()
    {
        var command = new CommandStep("relion_refine", ["--o", "Refine3D/job001/run"], "relion_refine_mpi");

        Assert.Equal(["mpirun", "--allow-run-as-root", "-np", "4", "relion_refine_mpi", "--o", "Refine3D/job001/run"], SlurmScript.Launch(command, 4, Options));
        Assert.Equal(["relion_refine", "--o", "Refine3D/job001/run"], SlurmScript.Launch(command, 1, Options));
    }

    [Fact]
    public void Arguments_reach_the_program_literally_whatever_characters_they_hold()
    {
        Assert.Equal("'it'\\''s $HOME *.mrc'", SlurmScript.Quote("it's $HOME *.mrc"));
    }

    [Fact]
    public void A_node_failure_with_requeue_reads_as_pending_again_and_says_it_was_requeued()
    {
        var info = SlurmJobInfo.FromScontrol("JobId=7 JobName=r1--step JobState=PENDING Reason=BeginTime Restarts=1 ExitCode=0:0 TimeLimit=01:00:00");

        var (state, _, message) = SlurmStates.Map(info, null);

        Assert.Equal(JobState.Pending, state);
        Assert.Equal("Slurm job 7 is waiting in the queue (BeginTime). Requeued once after a node failure or preemption.", message);
    }

    [Fact]
    public void A_killed_job_reports_the_signal_and_a_timeout_its_limit_in_words()
    {
        var killed = SlurmStates.Map(SlurmJobInfo.FromScontrol("JobId=8 JobName=x JobState=FAILED ExitCode=0:9"), null);
        var late = SlurmStates.Map(SlurmJobInfo.FromScontrol("JobId=9 JobName=x JobState=TIMEOUT ExitCode=0:15 TimeLimit=02:00:00"), null);
        var nodeFail = SlurmStates.Map(SlurmJobInfo.FromScontrol("JobId=10 JobName=x JobState=NODE_FAIL ExitCode=0:0"), null);

        Assert.Equal((JobState.Failed, 137, "Slurm job 8 was killed by signal 9."), killed);
        Assert.Equal("Exceeded its wall time of 2 h.", late.Message);
        Assert.Equal((JobState.Failed, "Slurm job 10: its node failed and the job was not requeued."), (nodeFail.State, nodeFail.Message));
    }

    [Fact]
    public void Settings_that_cannot_work_are_rejected_at_start_with_their_names()
    {
        var result = new SlurmOptionsValidator().Validate(null, new SlurmOptions
        {
            CommandTimeout = TimeSpan.Zero, MpiLauncher = "mpirun", DefaultPartition = "gpu", Partitions = ["debug"],
        });

        Assert.True(result.Failed);
        Assert.Contains("Slurm:CommandTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Slurm:MpiLauncher", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Slurm:DefaultPartition 'gpu'", result.FailureMessage, StringComparison.Ordinal);
    }
}
