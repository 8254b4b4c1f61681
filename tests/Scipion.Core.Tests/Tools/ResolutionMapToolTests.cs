using System.Text.Json.Nodes;
using Scipion.Core.Errors;
using Scipion.Core.Formats;
using Scipion.Core.Tools;

namespace Scipion.Core.Tests.Tools;

public sealed class ResolutionMapToolTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ResolutionMapTool _tool = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Both_half_maps_are_required_and_must_differ()
    {
        var missing = Assert.Throws<ScipionError>(() => _tool.Validate(new JsonObject { ["halfMap1"] = "a.mrc" }, null));
        Assert.Contains("inputs.halfMap2", missing.Errors!.Keys);

        var same = Assert.Throws<ScipionError>(() => _tool.Validate(new JsonObject { ["halfMap1"] = "a.mrc", ["halfMap2"] = "a.mrc" }, null));
        Assert.Contains("inputs.halfMap2", same.Errors!.Keys);

        var positive = Assert.Throws<ScipionError>(() => _tool.Validate(
            new JsonObject { ["halfMap1"] = "a.mrc", ["halfMap2"] = "b.mrc" }, new JsonObject { ["bFactor"] = 50 }));
        Assert.Contains("parameters.bFactor", positive.Errors!.Keys);
    }

    [Fact]
    public void Without_a_mask_the_plan_makes_one_then_runs_global_and_local_resolution()
    {
        WriteMap("Maps/half1.mrc", 32);
        WriteMap("Maps/half2.mrc", 32);
        var request = _tool.Validate(new JsonObject { ["halfMap1"] = "Maps/half1.mrc", ["halfMap2"] = "Maps/half2.mrc" }, null);

        var plan = _tool.Plan(request, new ToolWorkspace(_temp.Path, "r3"));

        Assert.Equal(["mask", "global-resolution", "local-resolution"], plan.Steps.Select(s => s.Name));
        Assert.Equal("relion_mask_create", plan.Steps[0].Job.Commands[0].Program);
        var locres = plan.Steps[2].Job.Commands[0].Arguments;
        Assert.Contains("--locres", locres);
        Assert.Contains("--auto_bfac", locres);
        Assert.Equal("2", MovieAlignmentToolTests.After(locres, "--angpix"));
        Assert.Equal("Runs/r3/MaskCreate/job001/mask.mrc", MovieAlignmentToolTests.After(locres, "--mask"));
        Assert.Equal("Runs/r3/LocalRes/job001/relion", MovieAlignmentToolTests.After(locres, "--o"));
        Assert.Equal("Runs/r3/LocalRes/job001/relion_locres.mrc", plan.Product("localResolution"));
        Assert.Equal("Runs/r3/LocalRes/job001", plan.Steps[2].Job.JobFolder);
    }

    [Fact]
    public void A_given_mask_and_b_factor_are_used_and_sizes_must_agree()
    {
        WriteMap("Maps/half1.mrc", 32);
        WriteMap("Maps/half2.mrc", 32);
        WriteMap("Maps/mask.mrc", 32);
        var request = _tool.Validate(new JsonObject { ["halfMap1"] = "Maps/half1.mrc", ["halfMap2"] = "Maps/half2.mrc", ["mask"] = "Maps/mask.mrc" },
            new JsonObject { ["bFactor"] = -100, ["pixelSize"] = 1.5 });

        var plan = _tool.Plan(request, new ToolWorkspace(_temp.Path, "r3"));

        Assert.Equal(["global-resolution", "local-resolution"], plan.Steps.Select(s => s.Name));
        var arguments = plan.Steps[0].Job.Commands[0].Arguments;
        Assert.Equal("-100", MovieAlignmentToolTests.After(arguments, "--adhoc_bfac"));
        Assert.Equal("1.5", MovieAlignmentToolTests.After(arguments, "--angpix"));
        Assert.Equal("Maps/mask.mrc", MovieAlignmentToolTests.After(arguments, "--mask"));

        WriteMap("Maps/half2.mrc", 16);
        Assert.Contains("differ in size", Assert.Throws<ScipionError>(() => _tool.Plan(request, new ToolWorkspace(_temp.Path, "r3"))).Message, StringComparison.Ordinal);
    }

    private void WriteMap(string relative, int size) => MrcFile.Write(_temp.File(relative), new DensityMap(size, size, size, 2.0));
}
