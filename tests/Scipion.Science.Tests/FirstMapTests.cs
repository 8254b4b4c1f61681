using System.Diagnostics;
using System.Text.Json.Nodes;
using Scipion.Core.Formats;
using Scipion.Core.Results;
using Scipion.Core.Tools;
using Scipion.Reports;
using Scipion.Synthetic;

namespace Scipion.Science.Tests;

public sealed class FirstMapTests(ITestOutputHelper output) : IDisposable
{
    private const double PixelSize = 3.0;
    private readonly Workspace _workspace = new("firstmap");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task First_map_from_noisy_projections_matches_the_known_structure_in_one_hand()
    {
        Relion.Require();
        var truth = SyntheticMap.Asymmetric(64, PixelSize);
        MrcFile.Write(_workspace.File("Truth/truth.mrc"), truth.Render());
        using var backend = PlanRunner.Backend(_workspace.Path);
        var particles = new SyntheticParticles { MapPath = "Truth/truth.mrc", PixelSize = PixelSize, BoxSize = 64, Count = 400, NoiseSigma = 3.0 };
        foreach (var job in particles.Jobs(_workspace.Path, "particles"))
        {
            await PlanRunner.RunJobAsync(backend, job);
        }

        particles.WriteParticlesStar(_workspace.Path);

        var tool = new FirstMapTool();
        var request = tool.Validate(new JsonObject { ["particles"] = particles.ParticlesStar },
            new JsonObject { ["particleDiameter"] = 150, ["iterations"] = 100 });
        var plan = tool.Plan(request, new ToolWorkspace(_workspace.Path, "map1"));
        var wallTime = await PlanRunner.RunAsync(backend, plan, output);
        Assert.Equal(["Runs/map1/slices.png"], ToolReports.Write(plan));
        Png.AssertIsImage(_workspace.FullPathOf("Runs/map1/slices.png"));

        var result = InitialModelResult.Find(Path.GetDirectoryName(_workspace.FullPathOf(plan.Product("map")))!);
        Assert.Equal(100, result.Iteration);
        Assert.Equal((64, 64, 64), (result.Header.Nx, result.Header.Ny, result.Header.Nz));
        Assert.Equal(PixelSize, result.Header.PixelSize, 3);

        // De novo maps come in any orientation and either hand: superpose on the truth (both hands), then FSC.
        var clock = Stopwatch.StartNew();
        var map = MrcFile.Read(result.MapPath);
        var alignment = MapAlignment.Align(map, truth);
        var fsc = FourierShellCorrelation.Between(map, truth.Render(alignment.Transform));
        double at05 = fsc.ResolutionAt(0.5), at0143 = fsc.ResolutionAt(0.143);
        output.WriteLine($"first map vs truth: FSC 0.5 at {at05:0.0} Å, FSC 0.143 at {at0143:0.0} Å " +
            $"(Nyquist {2 * PixelSize:0.0} Å, final SGD resolution 20 Å); hand {(alignment.Transform.IsMirrored ? "mirrored" : "same as truth")}; " +
            $"relion_refine wall time {wallTime.TotalSeconds:0} s, alignment {clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine("FSC per shell: " + string.Join(' ', fsc.Values.Select(v => v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));

        // A wrong map (what too-short schedules gave) correlates only at the lowest shells.
        Assert.True(at05 < 30, $"FSC 0.5 at {at05:0.0} Å; a recovered map reaches better than 30 Å");
        Assert.True(at0143 < 25, $"FSC 0.143 at {at0143:0.0} Å; a recovered map reaches better than 25 Å");
    }
}
