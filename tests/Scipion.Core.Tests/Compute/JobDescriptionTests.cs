using Scipion.Core.Compute;

namespace Scipion.Core.Tests.Compute;

public sealed class JobDescriptionTests
{
    [Fact]
    public void The_output_folder_of_a_job_writing_only_into_its_job_folder_is_that_folder()
    {
        var job = Job("Runs/r1/LocalRes/job001", "Runs/r1/LocalRes/job001/relion_locres.mrc", "Runs/r1/LocalRes/job001/run_it*_class001.mrc");

        Assert.Equal("Runs/r1/LocalRes/job001", job.OutputFolder);
    }

    [Fact]
    public void The_output_folder_widens_to_hold_an_output_outside_the_job_folder()
    {
        var job = Job("Runs/r1/MotionCorr/job001", "Runs/r1/MotionCorr/job001/corrected_micrographs.star", "Runs/r1/drift.png");

        Assert.Equal("Runs/r1", job.OutputFolder);
    }

    [Fact]
    public void A_glob_in_a_folder_of_an_output_stops_the_output_folder_before_it()
    {
        var job = Job("Runs/r1/Extract/job001", "Runs/r1/Extract/job001/Movies*/m.mrcs");

        Assert.Equal("Runs/r1/Extract/job001", job.OutputFolder);
    }

    [Theory]
    [InlineData("r1--mask", true)]
    [InlineData("r1/../mask", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_text_a_job_id_could_be_is_read_as_one(string? text, bool valid)
    {
        Assert.Equal(valid, JobId.TryParse(text, out var id));
        Assert.Equal(valid ? text : null, valid ? id.Value : null);
    }

    private static JobDescription Job(string folder, params string[] outputs) => new()
    {
        Id = JobId.For("r1", "step"),
        WorkingDirectory = "/work/p/r1",
        JobFolder = folder,
        Commands = [new CommandStep("true", [])],
        Outputs = outputs,
    };
}
