using System.Globalization;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Formats;

namespace Scipion.Core.Tools;

/// <summary>
/// "My first map": a de novo initial model from particle images by stochastic gradient descent
/// (<c>relion_refine --sgd --denovo_3dref</c>). The result may be the mirror image of the true
/// structure: de novo methods cannot tell the hand.
/// </summary>
public sealed class FirstMapTool : WebTool<FirstMapSettings>
{
    public const string ToolName = "first-map";
    private const string Folder = "InitialModel/job001";

    public override string Name => ToolName;

    public override string Title => "My first map";

    public override string Description =>
        "Generates a first 3D map from your particle images (RELION's SGD initial model), to be used as the starting reference for refinement. Its hand is undetermined.";

    public override JsonObject InputsSchema => Schema.Object(
        new JsonObject { ["particles"] = Schema.Text("Project path of a RELION 3.1 particles STAR file whose image names point at .mrcs stacks in the project.") },
        "particles");

    public override JsonObject ParametersSchema => Schema.Object(new JsonObject
    {
        ["pixelSize"] = Schema.Number("Pixel size in Å; by default read from the STAR optics table or the stacks' MRC header.", minimum: 0.05, maximum: 50, unit: "Å"),
        ["particleDiameter"] = Schema.Number("Diameter of the circular mask around the particles.", minimum: 1, maximum: 5000, unit: "Å"),
        ["symmetry"] = Schema.Text("Point group.", "C1", "^(C[1-9][0-9]*|D[2-9][0-9]*|T|O|I[1-4]?)$"),
        ["iterations"] = Schema.Integer("Total SGD iterations (split 1:3:1); by default RELION's 300.", null, 10, 2000),
    }, "particleDiameter");

    public override ToolPlan Plan(FirstMapSettings settings, ToolWorkspace workspace)
    {
        var particles = ParticleSet.Read(workspace, settings.Particles);
        double pixelSize = ResolvePixelSize(settings, particles);
        if (settings.ParticleDiameter > particles.BoxSize * pixelSize)
        {
            throw ScipionError.Invalid("parameters.particleDiameter",
                $"particleDiameter {settings.ParticleDiameter} Å is larger than the {particles.BoxSize}-pixel box ({particles.BoxSize * pixelSize:0.#} Å).");
        }

        var schedule = SgdSchedule.For(settings.Iterations, particles.Count, pixelSize);
        string folder = workspace.Output(Folder);
        string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            "--o", $"{folder}/run", "--sgd", "--denovo_3dref", "--i", settings.Particles,
            "--K", "1", "--sym", settings.Symmetry,
            "--particle_diameter", settings.ParticleDiameter.ToString("0.##", CultureInfo.InvariantCulture),
            "--flatten_solvent", "--zero_mask", "--dont_combine_weights_via_disc", "--pool", "3", "--pad", "1",
            "--skip_gridding", "--oversampling", "1", "--healpix_order", "1", "--offset_range", "6", "--offset_step", "2",
            "--j", I(settings.Threads),
            .. schedule.Arguments(),
        ];
        string map = $"{folder}/run_it{schedule.Total:000}_class001.mrc";
        var job = new JobDescription
        {
            Id = JobId.For(workspace.RunId, "initial-model"),
            WorkingDirectory = workspace.Directory,
            JobFolder = folder,
            Commands = [new CommandStep("relion_refine", arguments, "relion_refine_mpi")],
            Resources = new JobResources
            {
                Threads = settings.Threads,
                MpiRanks = settings.MpiRanks,
                MemoryMegabytes = 4096,
                WallTime = TimeSpan.FromHours(12),
            },
            Inputs = [settings.Particles, .. particles.Stacks],
            Outputs = [map, $"{folder}/run_it{schedule.Total:000}_model.star"],
        };
        return new ToolPlan(Name, workspace, [new ToolStep("initial-model", job)], new Dictionary<string, string>
        {
            ["map"] = map,
            ["model"] = $"{folder}/run_it{schedule.Total:000}_model.star",
            ["slices.png"] = workspace.Output("slices.png"),
        });
    }

    private static double ResolvePixelSize(FirstMapSettings settings, ParticleSet particles)
    {
        if (settings.PixelSize is { } given)
        {
            // relion_refine takes the pixel size from the optics table; a different value cannot be honoured silently.
            if (particles.PixelSize is { } known && Math.Abs(known - given) > 0.01 * known)
            {
                throw ScipionError.Invalid("parameters.pixelSize",
                    $"pixelSize {given} Å differs from the {known} Å in {settings.Particles}; fix the STAR file's optics table or leave pixelSize out.");
            }

            return given;
        }

        return particles.PixelSize ?? throw ScipionError.Invalid("parameters.pixelSize",
            $"Neither {settings.Particles} nor its stacks give a pixel size; set pixelSize.");
    }

    protected override FirstMapSettings Read(ToolArguments arguments) => FirstMapSettings.Read(arguments);
}
