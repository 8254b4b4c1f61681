using Scipion.Core.Results;
using ScottPlot;

namespace Scipion.Reports;

/// <summary>histogram.png: how many voxels inside the mask have each local resolution.</summary>
public static class HistogramPlot
{
    public static void Render(LocalResolutionResult result, string path, int bins = 30)
    {
        double low = Math.Floor(result.Min), high = Math.Ceiling(result.Max);
        if (high <= low)
        {
            high = low + 1;
        }

        double width = (high - low) / bins;
        var counts = new double[bins];
        foreach (double v in result.Values)
        {
            counts[Math.Clamp((int)((v - low) / width), 0, bins - 1)]++;
        }

        var plot = new Plot();
        var bars = plot.Add.Bars(Enumerable.Range(0, bins).Select(i => low + ((i + 0.5) * width)).ToArray(), counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.9;
        }

        plot.Title($"Local resolution: median {result.Median:0.0} Å ({result.Min:0.0}–{result.Max:0.0} Å)");
        plot.XLabel("local resolution (Å)");
        plot.YLabel("voxels in mask");
        plot.Axes.Margins(bottom: 0);
        DriftPlot.Save(plot, path, 640, 480);
    }
}
