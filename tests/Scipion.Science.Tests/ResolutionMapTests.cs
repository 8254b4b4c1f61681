using System.Diagnostics;
using System.Text.Json.Nodes;
using Scipion.Core.Formats;
using Scipion.Core.Results;
using Scipion.Core.Tools;
using Scipion.Reports;
using Scipion.Synthetic;

namespace Scipion.Science.Tests;

public sealed class ResolutionMapTests(ITestOutputHelper output) : IDisposable
{
    private const double PixelSize = 2.0;
    private const double KnownResolution = 8.0;
    private readonly Workspace _workspace = new("resmap");

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Resolution_map_of_half_maps_with_a_known_fall_off_completes_and_its_outputs_parse()
    {
        Relion.Require();
        var truth = SyntheticMap.Asymmetric(64, PixelSize).Render();
        var (half1, half2) = SyntheticHalfMaps.Create(truth, KnownResolution, seed: 3);
        MrcFile.Write(_workspace.File("Maps/half1.mrc"), half1);
        MrcFile.Write(_workspace.File("Maps/half2.mrc"), half2);
        var expected = FourierShellCorrelation.Between(half1, half2);

        var tool = new ResolutionMapTool();
        var request = tool.Validate(new JsonObject { ["halfMap1"] = "Maps/half1.mrc", ["halfMap2"] = "Maps/half2.mrc" },
            new JsonObject { ["bFactor"] = -100 });
        var plan = tool.Plan(request, new ToolWorkspace(_workspace.Path, "res1"));
        using var backend = PlanRunner.Backend(_workspace.Path);
        var clock = Stopwatch.StartNew();
        await PlanRunner.RunAsync(backend, plan, output);
        var reports = ToolReports.Write(plan);

        var locres = MrcFile.ReadHeader(_workspace.FullPathOf(plan.Product("localResolution")));
        Assert.Equal((64, 64, 64), (locres.Nx, locres.Ny, locres.Nz));
        Assert.Equal(PixelSize, locres.PixelSize, 3);
        var local = LocalResolutionResult.Read(_workspace.FullPathOf(plan.Product("localResolution")), _workspace.FullPathOf(plan.Product("mask")));
        var global = FscCurve.Read(_workspace.FullPathOf(plan.Product("postprocess")));
        output.WriteLine($"half maps built to cross FSC 0.143 at {KnownResolution} Å (measured between them: {expected.ResolutionAt(0.143):0.0} Å); " +
            $"RELION global {global.FinalResolution:0.0} Å; local median {local.Median:0.0} Å ({local.Min:0.0}–{local.Max:0.0} Å); wall time {clock.Elapsed.TotalSeconds:0} s");

        Assert.InRange(global.FinalResolution, KnownResolution * 0.8, KnownResolution * 1.25);
        Assert.InRange(local.Median, KnownResolution * 0.7, KnownResolution * 1.5);
        Assert.Equal(["Runs/res1/histogram.png", "Runs/res1/slices.png", "Runs/res1/fsc.png"], reports);
        foreach (string png in reports)
        {
            Png.AssertIsImage(_workspace.FullPathOf(png));
        }
    }
}
