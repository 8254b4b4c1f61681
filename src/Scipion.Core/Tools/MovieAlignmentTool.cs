using System.Globalization;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;
using Scipion.Core.Formats;

namespace Scipion.Core.Tools;

/// <summary>
/// "My movie alignment": global and local (patch) motion correction with RELION's own implementation
/// (<c>relion_run_motioncorr --use_own</c>, no GPU or MotionCor2 needed), after <c>relion_import</c>.
/// </summary>
public sealed class MovieAlignmentTool : WebTool<MovieAlignmentSettings>
{
    public const string ToolName = "movie-alignment";

    public override string Name => ToolName;

    public override string Title => "My movie alignment";

    public override string Description =>
        "Corrects the global frame movements and the local within-frame movements of your movies (RELION's motion correction) and sums the aligned frames into micrographs.";

    public override JsonObject InputsSchema => Schema.Object(
        new JsonObject { ["movies"] = Schema.Text("Glob of the movies in the project, e.g. Movies/*.mrcs (.mrc, .mrcs, .tif, .tiff, .eer).") },
        "movies");

    public override JsonObject ParametersSchema => Schema.Object(Properties(), "pixelSize");

    internal static JsonObject Properties() => new()
    {
        ["pixelSize"] = Schema.Number("Pixel size of the movies in Å.", minimum: 0.05, maximum: 20, unit: "Å"),
        ["dosePerFrame"] = Schema.Number("Electron dose per frame.", 1, 0, 100, "e⁻/Å²"),
        ["voltage"] = Schema.Number("Acceleration voltage.", 300, 60, 400, "kV"),
        ["patches"] = Schema.Pair("Patches [x, y] for local motion; [1, 1] for global only.", 5, 5, 1),
        ["binFactor"] = Schema.Integer("Binning of the aligned micrographs.", 1, 1, 8),
        ["gainReference"] = Schema.Text("Project path of a gain reference (MRC), if the movies need one."),
        ["threads"] = Schema.Integer("Threads of each MPI rank (RELION's --j).", MovieAlignmentSettings.DefaultThreads, 1, MovieAlignmentSettings.MaxThreads),
        ["mpiRanks"] = Schema.Integer(
            "MPI ranks of the motion correction; 2 or more run relion_run_motioncorr_mpi, which shares the movies among them (each rank has its own threads).",
            1, 1, MovieAlignmentSettings.MaxMpiRanks),
    };

    public override ToolPlan Plan(MovieAlignmentSettings settings, ToolWorkspace workspace) =>
        PlanSteps(settings, workspace);

    internal static ToolPlan PlanSteps(MovieAlignmentSettings settings, ToolWorkspace workspace, string tool = ToolName)
    {
        var movies = workspace.Match(settings.Movies);
        if (workspace.Arrival is { } arrival)
        {
            movies = [.. movies.Where(m => m == arrival)];
        }

        if (movies.Count == 0)
        {
            throw ScipionError.Invalid("inputs.movies", $"No movies match '{settings.Movies}'.");
        }

        if (settings.GainReference is { } gain && !workspace.Exists(gain))
        {
            throw ScipionError.Invalid("parameters.gainReference", $"The gain reference '{gain}' is not in the project.");
        }

        foreach (string movie in movies.Where(m => m.EndsWith(".mrc", StringComparison.OrdinalIgnoreCase) || m.EndsWith(".mrcs", StringComparison.OrdinalIgnoreCase)))
        {
            // Reading each header is cheap and turns a corrupt upload into a clear error before any job runs.
            try
            {
                var header = MrcFile.ReadHeader(workspace.FullPath(movie));
                if (header.Nz < 2)
                {
                    throw ScipionError.Invalid("inputs.movies", $"{movie} has {header.Nz} frame; a movie needs at least 2.");
                }
            }
            catch (MrcFormatException e)
            {
                throw ScipionError.Invalid("inputs.movies", $"{movie}: {e.Problem}.");
            }
        }

        string import = workspace.JobFolder("Import");
        string motion = workspace.JobFolder("MotionCorr");
        string moviesStar = $"{import}/movies.star";
        string micrographs = $"{motion}/corrected_micrographs.star";
        string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

        var importJob = new JobDescription
        {
            Id = JobId.For(workspace.RunId, Step("import", workspace)),
            WorkingDirectory = workspace.Directory,
            JobFolder = import,
            Commands =
            [
                new CommandStep("relion_import",
                [
                    "--do_movies", "--optics_group_name", "opticsGroup1",
                    "--angpix", F(settings.PixelSize), "--kV", F(settings.Voltage), "--Cs", "2.7", "--Q0", "0.1",
                    "--i", workspace.Arrival ?? RelionGlob(settings.Movies, movies), "--odir", import + "/", "--ofile", "movies.star",
                ]),
            ],
            Inputs = movies,
            Outputs = [moviesStar],
        };

        List<string> motionArguments =
        [
            "--i", moviesStar, "--o", motion + "/", "--use_own", "--j", settings.Threads.ToString(CultureInfo.InvariantCulture),
            "--bin_factor", settings.BinFactor.ToString(CultureInfo.InvariantCulture), "--bfactor", "150",
            "--dose_per_frame", F(settings.DosePerFrame), "--preexposure", "0",
            "--patch_x", settings.Patches.X.ToString(CultureInfo.InvariantCulture),
            "--patch_y", settings.Patches.Y.ToString(CultureInfo.InvariantCulture),
            "--only_do_unfinished",
        ];
        if (settings.GainReference is { } reference)
        {
            motionArguments.AddRange(["--gainref", reference]);
        }

        var motionJob = new JobDescription
        {
            Id = JobId.For(workspace.RunId, Step("motion-correction", workspace)),
            WorkingDirectory = workspace.Directory,
            JobFolder = motion,
            Commands = [new CommandStep("relion_run_motioncorr", motionArguments, "relion_run_motioncorr_mpi")],
            Resources = new JobResources { Threads = settings.Threads, MpiRanks = settings.MpiRanks, MemoryMegabytes = 4096, WallTime = TimeSpan.FromHours(2) },
            Inputs = [moviesStar],
            Outputs = [micrographs, .. movies.Select(m => $"{motion}/{Path.ChangeExtension(m, ".mrc")}")],
        };

        return new ToolPlan(tool, workspace,
            [new ToolStep("import", importJob), new ToolStep("motion-correction", motionJob)],
            new Dictionary<string, string>
            {
                ["movies"] = moviesStar,
                ["micrographs"] = micrographs,
                ["drift.png"] = workspace.Batch == 0 ? workspace.Output("drift.png") : $"{motion}/drift.png",
            });
    }

    // A streaming run plans again for each new movie: distinct job ids and job folders.
    private static string Step(string name, ToolWorkspace workspace) => workspace.Batch == 0 ? name : $"{name}-{workspace.Batch}";

    /// <summary>
    /// relion_import expands a shell-style glob itself, which has no <c>**</c>; a recursive glob is passed as
    /// the common folder of the matches with the file pattern, which is checked to select exactly the same files.
    /// </summary>
    private static string RelionGlob(string glob, IReadOnlyList<string> matches)
    {
        if (!ProjectGlob.IsRecursive(glob))
        {
            return glob;
        }

        var folders = matches.Select(m => Path.GetDirectoryName(m)?.Replace('\\', '/') ?? string.Empty).Distinct().ToList();
        if (folders.Count != 1)
        {
            throw ScipionError.Invalid("inputs.movies",
                $"'{glob}' matches movies in {folders.Count} folders; RELION imports one folder per run, so name one folder (e.g. Movies/session1/*.mrcs).");
        }

        string name = glob[(glob.LastIndexOf('/') + 1)..].Replace("**", "*", StringComparison.Ordinal);
        return folders[0].Length == 0 ? name : $"{folders[0]}/{name}";
    }

    protected override MovieAlignmentSettings Read(ToolArguments arguments) => MovieAlignmentSettings.Read(arguments);
}
