using System.Text.Json.Nodes;
using Scipion.Core.Formats;
using Scipion.Core.Results;
using Scipion.Core.Tools;
using Scipion.Reports;
using Scipion.Synthetic;

namespace Scipion.Science.Tests;

/// <summary>Synthetic movies with known drift through the movie-alignment plan on real RELION, run once for the class.</summary>
public sealed class MovieAlignmentRun : IDisposable
{
    public MovieAlignmentRun()
    {
        Relion.Require();
        for (int i = 1; i <= 2; i++)
        {
            string movie = $"Movies/m{i:000}.mrcs";
            Truth[movie] = new SyntheticMovie { Seed = i, DriftX = 0.6 * i, DriftY = -0.4 }.Write(Workspace.File(movie));
        }

        var tool = new MovieAlignmentTool();
        var request = tool.Validate(new JsonObject { ["movies"] = "Movies/*.mrcs" },
            new JsonObject { ["pixelSize"] = 1.0, ["patches"] = new JsonArray(2, 2), ["dosePerFrame"] = 1.0 });
        Plan = tool.Plan(request, new ToolWorkspace(Workspace.Path, "align1"));
        using var backend = PlanRunner.Backend(Workspace.Path);
        WallTime = PlanRunner.RunAsync(backend, Plan).GetAwaiter().GetResult();
        Reports = ToolReports.Write(Plan);
    }

    public Workspace Workspace { get; } = new("movies");

    public Dictionary<string, DriftTruth> Truth { get; } = [];

    public ToolPlan Plan { get; }

    public TimeSpan WallTime { get; }

    public IReadOnlyList<string> Reports { get; }

    public void Dispose() => Workspace.Dispose();
}

public sealed class MovieAlignmentTests(MovieAlignmentRun run, ITestOutputHelper output) : IClassFixture<MovieAlignmentRun>
{
    [Fact]
    public void Motion_correction_recovers_the_known_drift_within_half_a_pixel()
    {
        var result = MotionCorrectionResult.Read(run.Workspace.Path, run.Plan.Product("micrographs"));

        Assert.Equal(2, result.Movies.Count);
        foreach (var movie in result.Movies)
        {
            var truth = run.Truth[movie.Movie];
            Assert.Equal(truth.Frames, movie.Frames);

            // RELION reports the correction: minus the specimen's drift since frame 1.
            double sum = 0;
            for (int f = 0; f < movie.Frames; f++)
            {
                double dx = movie.ShiftX[f] + (truth.X[f] - truth.X[0]);
                double dy = movie.ShiftY[f] + (truth.Y[f] - truth.Y[0]);
                sum += (dx * dx) + (dy * dy);
            }

            double rms = Math.Sqrt(sum / movie.Frames);
            output.WriteLine($"{movie.Movie}: drift error {rms:0.000} px RMS over {movie.Frames} frames (total motion {movie.TotalMotion:0.0} px); alignment wall time {run.WallTime.TotalSeconds:0.0} s");
            Assert.True(rms < 0.5, $"{movie.Movie}: drift error {rms:0.000} px RMS, expected under 0.5 px");
        }
    }

    [Fact]
    public void Movie_alignment_writes_the_contract_outputs_and_they_parse()
    {
        string root = run.Workspace.Path;
        var micrographs = StarFile.Read(Path.Combine(root, "Runs/align1/MotionCorr/job001/corrected_micrographs.star"));
        Assert.Equal(1.0, micrographs["optics"].Table.GetDouble(0, "rlnMicrographPixelSize"));
        var table = micrographs["micrographs"].Table;
        Assert.Equal(2, table.RowCount);

        for (int row = 0; row < table.RowCount; row++)
        {
            var header = MrcFile.ReadHeader(Path.Combine(root, table.Get(row, "rlnMicrographName")));
            Assert.Equal((256, 256, 1), (header.Nx, header.Ny, header.Nz));
            Assert.Equal(1.0, header.PixelSize, 3);

            var shifts = StarFile.Read(Path.Combine(root, table.Get(row, "rlnMicrographMetadata")));
            Assert.Equal(16, shifts["global_shift"].Table.RowCount);
            Assert.Equal("256", shifts["general"].Get("rlnImageSizeX"));
        }

        Assert.Equal(["Runs/align1/drift.png"], run.Reports);
        Png.AssertIsImage(Path.Combine(root, "Runs/align1/drift.png"));
        Assert.True(File.Exists(Path.Combine(root, "Runs/align1/MotionCorr/job001/run.out")));
    }
}
