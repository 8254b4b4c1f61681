using System.Text.Json.Nodes;
using Scipion.Core.Errors;
using Scipion.Core.Formats;
using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

public sealed class FirstMapToolTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FirstMapTool _tool = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Particle_diameter_is_required_and_symmetry_must_be_a_point_group()
    {
        var error = Assert.Throws<ScipionError>(() => _tool.Validate(
            new JsonObject { ["particles"] = "Particles/particles.star" }, new JsonObject { ["symmetry"] = "X7" }));

        Assert.Contains("parameters.particleDiameter", error.Errors!.Keys);
        Assert.Contains("parameters.symmetry", error.Errors.Keys);
    }

    [Fact]
    public void The_plan_runs_relion_sgd_with_a_converging_schedule_and_the_optics_pixel_size()
    {
        WriteParticles(count: 400);
        var request = _tool.Validate(new JsonObject { ["particles"] = "Particles/particles.star" },
            new JsonObject { ["particleDiameter"] = 150, ["iterations"] = 100, ["symmetry"] = "c1" });

        var plan = _tool.Plan(request, new ToolWorkspace(_temp.Path, "r7"));

        var job = Assert.Single(plan.Steps).Job;
        var arguments = job.Commands[0].Arguments;
        Assert.Equal("relion_refine", job.Commands[0].Program);
        Assert.Equal("relion_refine_mpi", job.Commands[0].MpiProgram);
        Assert.Contains("--sgd", arguments);
        Assert.Contains("--denovo_3dref", arguments);
        Assert.Equal("C1", MovieAlignmentToolTests.After(arguments, "--sym"));
        Assert.Equal("Runs/r7/InitialModel/job001/run", MovieAlignmentToolTests.After(arguments, "--o"));
        Assert.Equal("20", MovieAlignmentToolTests.After(arguments, "--sgd_ini_iter"));
        Assert.Equal("60", MovieAlignmentToolTests.After(arguments, "--sgd_inbetween_iter"));
        Assert.Equal("20", MovieAlignmentToolTests.After(arguments, "--sgd_fin_iter"));
        Assert.Equal("30", MovieAlignmentToolTests.After(arguments, "--sgd_ini_resol"));
        Assert.Equal("20", MovieAlignmentToolTests.After(arguments, "--sgd_fin_resol"));
        Assert.Equal("Runs/r7/InitialModel/job001/run_it100_class001.mrc", plan.Product("map"));
        Assert.Contains("Particles/stack.mrcs", job.Inputs);
    }

    [Fact]
    public void Without_iterations_the_schedule_is_relions_default_of_300()
    {
        var schedule = SgdSchedule.For(null, 5000, 1.0);
        Assert.Equal((50, 200, 50), (schedule.Initial, schedule.InBetween, schedule.Final));
        Assert.Equal(300, schedule.Total);
        Assert.Equal(12, SgdSchedule.For(null, 12, 1.0).FinalSubset);
    }

    [Fact]
    public void A_diameter_larger_than_the_box_or_a_conflicting_pixel_size_is_refused()
    {
        WriteParticles(count: 10);
        var workspace = new ToolWorkspace(_temp.Path, "r7");
        var tooBig = _tool.Validate(new JsonObject { ["particles"] = "Particles/particles.star" }, new JsonObject { ["particleDiameter"] = 500 });
        Assert.Contains("parameters.particleDiameter", Assert.Throws<ScipionError>(() => _tool.Plan(tooBig, workspace)).Errors!.Keys);

        var conflicting = _tool.Validate(new JsonObject { ["particles"] = "Particles/particles.star" },
            new JsonObject { ["particleDiameter"] = 100, ["pixelSize"] = 1.0 });
        Assert.Contains("parameters.pixelSize", Assert.Throws<ScipionError>(() => _tool.Plan(conflicting, workspace)).Errors!.Keys);
    }

    [Fact]
    public void A_star_file_pointing_at_a_missing_stack_or_without_optics_is_refused()
    {
        File.WriteAllText(_temp.File("Particles/particles.star"), "data_particles\nloop_\n_rlnImageName #1\n1@Particles/none.mrcs\n");
        var request = _tool.Validate(new JsonObject { ["particles"] = "Particles/particles.star" }, new JsonObject { ["particleDiameter"] = 100 });
        var workspace = new ToolWorkspace(_temp.Path, "r7");
        Assert.Contains("data_optics", Assert.Throws<ScipionError>(() => _tool.Plan(request, workspace)).Message, StringComparison.Ordinal);

        File.WriteAllText(_temp.File("Particles/particles.star"),
            "data_optics\nloop_\n_rlnOpticsGroup #1\n_rlnImagePixelSize #2\n1 3.0\ndata_particles\nloop_\n_rlnImageName #1\n1@Particles/none.mrcs\n");
        Assert.Contains("Particles/none.mrcs", Assert.Throws<ScipionError>(() => _tool.Plan(request, workspace)).Message, StringComparison.Ordinal);
    }

    private void WriteParticles(int count)
    {
        MrcFile.Write(_temp.File("Particles/stack.mrcs"), new DensityMap(64, 64, count, 3.0), isStack: true);
        var star = new StarFile();
        star.AddBlock("optics").AddLoop("rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize", "rlnImageSize", "rlnImageDimensionality", "rlnVoltage", "rlnSphericalAberration")
            .AddRow(1, "optics1", 3.0, 64, 2, 300, 2.7);
        var particles = star.AddBlock("particles").AddLoop("rlnImageName", "rlnOpticsGroup");
        for (int i = 1; i <= count; i++)
        {
            particles.AddRow($"{i:000000}@Particles/stack.mrcs", 1);
        }

        star.Write(_temp.File("Particles/particles.star"));
    }
}
