namespace Scipion.Core.Tools;

public sealed record MovieAlignmentSettings
{
    public static readonly string[] MovieExtensions = [".mrc", ".mrcs", ".tif", ".tiff", ".eer"];

    public const int DefaultThreads = 2;

    // Bounds against typing mistakes, not a cluster's size: the backend refuses what its machines cannot give.
    public const int MaxThreads = 128;
    public const int MaxMpiRanks = 512;

    public required string Movies { get; init; }

    public required double PixelSize { get; init; }

    public double DosePerFrame { get; init; } = 1;

    public double Voltage { get; init; } = 300;

    public (int X, int Y) Patches { get; init; } = (5, 5);

    public int BinFactor { get; init; } = 1;

    public string? GainReference { get; init; }

    /// <summary>Threads of each rank.</summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>More than one runs the MPI build of the motion correction under the backend's MPI launcher.</summary>
    public int MpiRanks { get; init; } = 1;

    internal static MovieAlignmentSettings Read(ToolArguments a)
    {
        string? movies = a.Path("movies", required: true);
        if (movies is not null && !MovieExtensions.Any(e => movies.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            a.Errors.Add("inputs.movies", $"movies must name {string.Join(", ", MovieExtensions)} files, e.g. Movies/*.mrcs.");
        }

        return new MovieAlignmentSettings
        {
            Movies = movies ?? string.Empty,
            PixelSize = a.Number("pixelSize", 0, 0.05, 20, required: true) ?? 0,
            DosePerFrame = a.Number("dosePerFrame", 1, 0, 100) ?? 1,
            Voltage = a.Number("voltage", 300, 60, 400) ?? 300,
            Patches = a.IntegerPair("patches", (5, 5), 1, 20),
            BinFactor = a.Integer("binFactor", 1, 1, 8) ?? 1,
            GainReference = a.ParameterPath("gainReference"),
            Threads = a.Integer("threads", DefaultThreads, 1, MaxThreads) ?? DefaultThreads,
            MpiRanks = a.Integer("mpiRanks", 1, 1, MaxMpiRanks) ?? 1,
        };
    }
}
