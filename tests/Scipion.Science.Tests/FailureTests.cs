using Scipion.Core.Compute;
using Scipion.Core.Formats;
using Scipion.Synthetic;

namespace Scipion.Science.Tests;

/// <summary>Bad input that gets past planning (or a job built by hand) ends as a Failed job carrying RELION's own error.</summary>
public sealed class FailureTests : IDisposable
{
    private readonly Workspace _workspace = new("failures");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_corrupt_particles_star_makes_relion_exit_non_zero_and_the_job_fail_with_its_error()
    {
        Relion.Require();
        File.WriteAllText(_workspace.File("Particles/particles.star"), "data_optics\nloop_\n_rlnOpticsGroup #1\n1\n\ndata_particles\nloop_\n_rlnImageName #1\n1@Particles/none.mrcs\n");
        var job = Job("refine", new CommandStep("relion_refine",
            ["--o", "Runs/bad/InitialModel/job001/run", "--sgd", "--denovo_3dref", "--i", "Particles/particles.star", "--K", "1", "--particle_diameter", "100"]),
            "Runs/bad/InitialModel/job001");

        var status = await RunAsync(job);

        Assert.Equal(JobState.Failed, status.State);
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("ERROR", status.LogTail, StringComparison.Ordinal);
        Assert.Contains("optics", status.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_half_map_makes_postprocess_fail_with_the_tail_of_its_log()
    {
        Relion.Require();
        MrcFile.Write(_workspace.File("Maps/half1.mrc"), SyntheticMap.Asymmetric(32, 2.0).Render());
        var bytes = File.ReadAllBytes(_workspace.File("Maps/half1.mrc"));
        File.WriteAllBytes(_workspace.File("Maps/half2.mrc"), bytes[..3000]);
        var job = Job("postprocess", new CommandStep("relion_postprocess",
            ["--i", "Maps/half1.mrc", "--i2", "Maps/half2.mrc", "--angpix", "2", "--o", "Runs/bad/PostProcess/job001/postprocess", "--adhoc_bfac", "-100"]),
            "Runs/bad/PostProcess/job001");

        var status = await RunAsync(job);

        Assert.Equal(JobState.Failed, status.State);
        Assert.False(string.IsNullOrWhiteSpace(status.LogTail));
        Assert.Contains("ERROR", status.LogTail, StringComparison.Ordinal);
    }

    private async Task<JobStatus> RunAsync(JobDescription job)
    {
        using var backend = PlanRunner.Backend(_workspace.Path);
        await backend.SubmitAsync(job);
        return await backend.WaitAsync(job.Id);
    }

    private JobDescription Job(string step, CommandStep command, string folder) => new()
    {
        Id = JobId.For("failures", step),
        WorkingDirectory = _workspace.Path,
        JobFolder = folder,
        Commands = [command],
    };
}
