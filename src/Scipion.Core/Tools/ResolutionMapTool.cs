using System.Globalization;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Formats;

namespace Scipion.Core.Tools;

/// <summary>
/// "My resolution map": the global FSC of two half maps (<c>relion_postprocess</c>) and the local
/// resolution at every voxel (<c>relion_postprocess --locres</c>). Without a mask, a soft sphere is made
/// (<c>relion_mask_create --denovo</c>); locres uses the mask only for its histogram.
/// </summary>
public sealed class ResolutionMapTool : WebTool<ResolutionMapSettings>
{
    public const string ToolName = "resolution-map";

    public override string Name => ToolName;

    public override string Title => "My resolution map";

    public override string Description =>
        "Computes the global resolution (FSC) and the local resolution of a 3D map from its two half maps (RELION's local resolution).";

    public override JsonObject InputsSchema => Schema.Object(new JsonObject
    {
        ["halfMap1"] = Schema.Text("Project path of the first half map (MRC)."),
        ["halfMap2"] = Schema.Text("Project path of the second half map (MRC)."),
        ["mask"] = Schema.Text("Project path of a soft mask (MRC, 0 solvent to 1 protein); optional."),
    }, "halfMap1", "halfMap2");

    public override JsonObject ParametersSchema => Schema.Object(new JsonObject
    {
        ["pixelSize"] = Schema.Number("Pixel size in Å; by default from the half maps' MRC header.", minimum: 0.05, maximum: 50, unit: "Å"),
        ["bFactor"] = Schema.Number("Sharpening B-factor (negative); by default fitted automatically.", minimum: -2000, maximum: 0, unit: "Å²"),
    });

    public override ToolPlan Plan(ResolutionMapSettings settings, ToolWorkspace workspace)
    {
        var half1 = Header(workspace, settings.HalfMap1, "halfMap1");
        var half2 = Header(workspace, settings.HalfMap2, "halfMap2");
        if (half1.Nx != half2.Nx || half1.Ny != half2.Ny || half1.Nz != half2.Nz)
        {
            throw ScipionError.Invalid("inputs.halfMap2",
                $"The half maps differ in size: {half1.Nx}x{half1.Ny}x{half1.Nz} and {half2.Nx}x{half2.Ny}x{half2.Nz}.");
        }

        if (half1.Nx != half1.Ny || half1.Nx != half1.Nz || half1.Nx < 16)
        {
            throw ScipionError.Invalid("inputs.halfMap1", $"Half maps must be cubes of at least 16³; got {half1.Nx}x{half1.Ny}x{half1.Nz}.");
        }

        if (settings.Mask is { } given)
        {
            var mask = Header(workspace, given, "mask");
            if (mask.Nx != half1.Nx || mask.Ny != half1.Ny || mask.Nz != half1.Nz)
            {
                throw ScipionError.Invalid("inputs.mask", $"The mask is {mask.Nx}x{mask.Ny}x{mask.Nz}; the half maps are {half1.Nx}³.");
            }
        }

        double pixelSize = settings.PixelSize ?? (half1.PixelSize > 0
            ? half1.PixelSize
            : throw ScipionError.Invalid("parameters.pixelSize", $"{settings.HalfMap1} does not give a pixel size; set pixelSize."));

        int box = half1.Nx;
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var bfactor = settings.BFactor is { } b ? new[] { "--adhoc_bfac", F(b) } : ["--auto_bfac"];
        var steps = new List<ToolStep>();
        string maskPath = settings.Mask ?? workspace.Output("MaskCreate/job001/mask.mrc");
        if (settings.Mask is null)
        {
            steps.Add(new ToolStep("mask", Job(workspace, "mask", "MaskCreate/job001",
                new CommandStep("relion_mask_create",
                [
                    "--denovo", "--box_size", box.ToString(CultureInfo.InvariantCulture),
                    "--outer_radius", F(0.4 * box), "--width_soft_edge", F(Math.Max(2, box / 16.0)),
                    "--angpix", F(pixelSize), "--o", maskPath,
                ]),
                [maskPath])));
        }

        string postprocess = workspace.Output("PostProcess/job001/postprocess");
        steps.Add(new ToolStep("global-resolution", Job(workspace, "global-resolution", "PostProcess/job001",
            new CommandStep("relion_postprocess",
            [
                "--i", settings.HalfMap1, "--i2", settings.HalfMap2, "--mask", maskPath, "--angpix", F(pixelSize),
                "--o", postprocess, .. bfactor,
            ]),
            [$"{postprocess}.star", $"{postprocess}.mrc"])));

        // RELION's 25 Å default sampling leaves a small box with a handful of samples: aim for about 12 across.
        double sampling = Math.Clamp(box * pixelSize / 12, 3 * pixelSize, 25);
        string locres = workspace.Output("LocalRes/job001/relion");
        steps.Add(new ToolStep("local-resolution", Job(workspace, "local-resolution", "LocalRes/job001",
            new CommandStep("relion_postprocess",
            [
                "--locres", "--i", settings.HalfMap1, "--i2", settings.HalfMap2, "--mask", maskPath, "--angpix", F(pixelSize),
                "--o", locres, "--locres_sampling", F(sampling), "--locres_randomize_at", F(sampling), .. bfactor,
            ]),
            [$"{locres}_locres.mrc", $"{locres}_locres_filtered.mrc", $"{locres}_locres_fscs.star"])));

        return new ToolPlan(Name, workspace, steps, new Dictionary<string, string>
        {
            ["mask"] = maskPath,
            ["postprocess"] = $"{postprocess}.star",
            ["localResolution"] = $"{locres}_locres.mrc",
            ["filteredMap"] = $"{locres}_locres_filtered.mrc",
            ["histogram.png"] = workspace.Output("histogram.png"),
            ["slices.png"] = workspace.Output("slices.png"),
            ["fsc.png"] = workspace.Output("fsc.png"),
        });
    }

    private static JobDescription Job(ToolWorkspace workspace, string step, string folder, CommandStep command, IReadOnlyList<string> outputs) => new()
    {
        Id = JobId.For(workspace.RunId, step),
        WorkingDirectory = workspace.Directory,
        JobFolder = workspace.Output(folder),
        Commands = [command],
        Resources = new JobResources { Threads = 1, MemoryMegabytes = 2048, WallTime = TimeSpan.FromHours(1) },
        Outputs = outputs,
    };

    private static MrcHeader Header(ToolWorkspace workspace, string path, string field)
    {
        if (!workspace.Exists(path))
        {
            throw ScipionError.Invalid($"inputs.{field}", $"{path} is not in the project.");
        }

        try
        {
            return MrcFile.ReadHeader(workspace.FullPath(path));
        }
        catch (MrcFormatException e)
        {
            throw ScipionError.Invalid($"inputs.{field}", $"{path}: {e.Problem}.");
        }
    }

    protected override ResolutionMapSettings Read(ToolArguments arguments) => ResolutionMapSettings.Read(arguments);
}
