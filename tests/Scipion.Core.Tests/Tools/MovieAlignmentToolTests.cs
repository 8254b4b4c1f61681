using System.Text.Json.Nodes;
using Scipion.Core.Errors;
using Scipion.Core.Formats;
using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

public sealed class MovieAlignmentToolTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly MovieAlignmentTool _tool = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Missing_pixel_size_bad_patches_and_unknown_parameters_are_all_reported_at_once()
    {
        var error = Assert.Throws<ScipionError>(() => _tool.Validate(
            new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["patches"] = new JsonArray(5), ["pixelsize"] = 1.0 }));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("parameters.pixelSize", error.Errors!.Keys);
        Assert.Contains("parameters.patches", error.Errors.Keys);
        Assert.Contains("parameters.pixelsize", error.Errors.Keys);
    }

    [Theory]
    [InlineData("../Movies/*.mrcs")]
    [InlineData("/etc/*.mrcs")]
    [InlineData("Movies/*.jpg")]
    public void Movie_globs_outside_the_project_or_of_other_files_are_refused(string glob)
    {
        var error = Assert.Throws<ScipionError>(() => _tool.Validate(new JsonObject { ["movies"] = glob }, new JsonObject { ["pixelSize"] = 1.0 }));
        Assert.Contains("inputs.movies", error.Errors!.Keys);
    }

    [Fact]
    public void The_defaults_of_the_contract_apply()
    {
        var settings = (MovieAlignmentSettings)_tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" }, new JsonObject { ["pixelSize"] = 1.1 }).Settings;

        Assert.Equal(1.1, settings.PixelSize);
        Assert.Equal(1, settings.DosePerFrame);
        Assert.Equal(300, settings.Voltage);
        Assert.Equal((5, 5), settings.Patches);
        Assert.Equal(1, settings.BinFactor);
        Assert.Null(settings.GainReference);
        Assert.Equal(5, _tool.ParametersSchema["properties"]!["patches"]!["default"]![0]!.GetValue<int>());
    }

    [Fact]
    public void The_plan_imports_the_movies_then_runs_relion_motion_correction_into_relion_job_folders()
    {
        WriteMovie("Movies/m001.mrcs");
        WriteMovie("Movies/m002.mrcs");
        var request = _tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, ["patches"] = new JsonArray(3, 2), ["dosePerFrame"] = 1.5 });

        var plan = _tool.Plan(request, new ToolWorkspace(_temp.Path, "r1"));

        Assert.Equal(["import", "motion-correction"], plan.Steps.Select(s => s.Name));
        var import = plan.Steps[0].Job;
        Assert.Equal("Runs/r1/Import/job001", import.JobFolder);
        Assert.Equal("relion_import", import.Commands[0].Program);
        Assert.Contains("--do_movies", import.Commands[0].Arguments);
        Assert.Equal("Movies/*.mrcs", After(import.Commands[0].Arguments, "--i"));

        var motion = plan.Steps[1].Job;
        var arguments = motion.Commands[0].Arguments;
        Assert.Equal("relion_run_motioncorr", motion.Commands[0].Program);
        Assert.Equal("Runs/r1/MotionCorr/job001", motion.JobFolder);
        Assert.Contains("--use_own", arguments);
        Assert.Equal("Runs/r1/Import/job001/movies.star", After(arguments, "--i"));
        Assert.Equal("Runs/r1/MotionCorr/job001/", After(arguments, "--o"));
        Assert.Equal("3", After(arguments, "--patch_x"));
        Assert.Equal("2", After(arguments, "--patch_y"));
        Assert.Equal("1.5", After(arguments, "--dose_per_frame"));
        Assert.Contains("Runs/r1/MotionCorr/job001/corrected_micrographs.star", motion.Outputs);
        Assert.Contains("Runs/r1/MotionCorr/job001/Movies/m002.mrc", motion.Outputs);
        Assert.Equal("Runs/r1/drift.png", plan.Product("drift.png"));
        Assert.NotEqual(import.Id, motion.Id);
    }

    [Fact]
    public void Motion_correction_asked_for_MPI_ranks_gets_them_with_the_threads_of_each_rank_and_its_MPI_build()
    {
        WriteMovie("Movies/m001.mrcs");
        WriteMovie("Movies/m002.mrcs");
        var single = _tool.Plan(_tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" }, new JsonObject { ["pixelSize"] = 1.0 }),
            new ToolWorkspace(_temp.Path, "r1")).Steps[1].Job;
        var request = _tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, ["mpiRanks"] = 2, ["threads"] = 1 });

        var motion = _tool.Plan(request, new ToolWorkspace(_temp.Path, "r2")).Steps[1].Job;

        Assert.Equal((2, 1), (single.Resources.Threads, single.Resources.MpiRanks));
        Assert.Equal((1, 2), (motion.Resources.Threads, motion.Resources.MpiRanks));
        Assert.Equal("1", After(motion.Commands[0].Arguments, "--j"));
        Assert.Equal("relion_run_motioncorr_mpi", motion.Commands[0].MpiProgram);
    }

    [Theory]
    [InlineData("mpiRanks", 0)]
    [InlineData("mpiRanks", 1.5)]
    [InlineData("threads", 0)]
    [InlineData("threads", 1000)]
    public void Ranks_or_threads_that_are_not_a_sensible_whole_number_are_refused_naming_the_parameter(string name, double value)
    {
        var error = Assert.Throws<ScipionError>(() => _tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, [name] = value }));

        Assert.Equal([$"parameters.{name}"], error.Errors!.Keys);
    }

    [Fact]
    public void A_glob_that_matches_nothing_or_a_corrupt_movie_is_a_validation_error_naming_the_file()
    {
        var request = _tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" }, new JsonObject { ["pixelSize"] = 1.0 });
        var workspace = new ToolWorkspace(_temp.Path, "r1");
        Assert.Contains("No movies match", Assert.Throws<ScipionError>(() => _tool.Plan(request, workspace)).Message, StringComparison.Ordinal);

        WriteMovie("Movies/bad.mrcs");
        string path = _temp.File("Movies/bad.mrcs");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..1500]);
        var error = Assert.Throws<ScipionError>(() => _tool.Plan(request, workspace));
        Assert.Contains("Movies/bad.mrcs", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_streaming_batch_plans_only_its_new_movie_in_job_folders_of_its_own()
    {
        WriteMovie("Movies/m001.mrcs");
        WriteMovie("Movies/m002.mrcs");
        var request = new PipelineTool().Validate(new JsonObject { ["movies"] = "Movies/**/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, ["streaming"] = true });

        var first = new PipelineTool().Plan(request, new ToolWorkspace(_temp.Path, "r1", Batch: 0));
        var second = new PipelineTool().Plan(request, new ToolWorkspace(_temp.Path, "r1", Batch: 1, Arrival: "Movies/m002.mrcs"));

        Assert.True(((PipelineSettings)request.Settings).Streaming);
        Assert.NotEqual(first.Steps[1].Job.Id, second.Steps[1].Job.Id);
        Assert.Equal(("Runs/r1/Import/job001", "Runs/r1/MotionCorr/job001"), (first.Steps[0].Job.JobFolder, first.Steps[1].Job.JobFolder));
        Assert.Equal(("Runs/r1/Import/job002", "Runs/r1/MotionCorr/job002"), (second.Steps[0].Job.JobFolder, second.Steps[1].Job.JobFolder));
        Assert.Equal("Movies/*.mrcs", After(first.Steps[0].Job.Commands[0].Arguments, "--i"));
        Assert.Equal("Movies/m002.mrcs", After(second.Steps[0].Job.Commands[0].Arguments, "--i"));
        Assert.Equal(["Movies/m002.mrcs"], second.Steps[0].Job.Inputs);
        Assert.Equal("Runs/r1/MotionCorr/job002/drift.png", second.Product("drift.png"));
    }

    [Fact]
    public void A_streaming_batch_for_a_file_the_inputs_do_not_match_is_refused()
    {
        WriteMovie("Movies/m001.mrcs");
        var request = new PipelineTool().Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, ["streaming"] = true });

        var error = Assert.Throws<ScipionError>(() => new PipelineTool().Plan(request, new ToolWorkspace(_temp.Path, "r1", Batch: 1, Arrival: "Other/m001.mrcs")));

        Assert.Contains("Movies/*.mrcs", error.Message, StringComparison.Ordinal);
    }

    private void WriteMovie(string relative) =>
        MrcFile.Write(_temp.File(relative), new DensityMap(16, 16, 4, 1.0), isStack: true);

    internal static string After(IReadOnlyList<string> arguments, string flag) => arguments[arguments.ToList().IndexOf(flag) + 1];
}
