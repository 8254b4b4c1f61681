using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Xunit;
using static Scipion.Slurm.Tests.SlurmFixture;

namespace Scipion.Slurm.Tests;

/// <summary>What Slurm really prints, read back as the backend reads it.</summary>
[Collection(SlurmCollection.Name)]
public sealed class SlurmRecordTests(SlurmFixture slurm)
{
    [Fact]
    public async Task The_job_completion_log_gives_the_final_state_after_slurmctld_has_purged_a_job()
    {
        using var backend = slurm.Backend();
        var job = Job([Shell("exit 4")]);
        await backend.SubmitAsync(job);
        await WaitAsync(backend, job.Id);
        string id = (await backend.SlurmJobIdOfAsync(job.Id))!;

        string line = await slurm.Slurm.RunAsync("sacct", "-c", "-n", "-P", SlurmBackend.SacctFormat, "-j", id);
        var info = SlurmJobInfo.FromSacct(line.Split('\n')[0]);
        var (state, exitCode, message) = SlurmStates.Map(info, null);

        Assert.Equal(id, info.SlurmJobId);
        Assert.Equal(job.Id.Value, info.JobName);
        Assert.Equal(JobState.Failed, state);
        Assert.Equal(4, exitCode);
        Assert.Equal($"Slurm job {id} exited with code 4.", message);
    }
}
