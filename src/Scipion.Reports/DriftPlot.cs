using Scipion.Core.Results;
using ScottPlot;

namespace Scipion.Reports;

/// <summary>drift.png: each movie's global trajectory (RELION's correction shifts), frame 1 at the origin.</summary>
public static class DriftPlot
{
    public static void Render(MotionCorrectionResult result, string path)
    {
        var plot = new Plot();
        foreach (var movie in result.Movies)
        {
            var line = plot.Add.Scatter(movie.ShiftX, movie.ShiftY);
            line.LegendText = $"{Path.GetFileNameWithoutExtension(movie.Movie)} ({movie.TotalMotion:0.0} px)";
            line.MarkerSize = 4;
        }

        plot.Title($"Global drift correction of {result.Movies.Count} movie(s)");
        plot.XLabel("shift x (pixels)");
        plot.YLabel("shift y (pixels)");
        plot.Axes.SquareUnits();
        if (result.Movies.Count <= 12)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }

        Save(plot, path, 640, 560);
    }

    internal static void Save(Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }
}
