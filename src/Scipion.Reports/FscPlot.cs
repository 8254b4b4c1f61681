using Scipion.Core.Results;
using ScottPlot;

namespace Scipion.Reports;

/// <summary>fsc.png: the FSC curve against spatial frequency, with the 0.143 threshold and the final resolution.</summary>
public static class FscPlot
{
    public static void Render(FscCurve curve, string path)
    {
        var plot = new Plot();
        var corrected = plot.Add.Scatter(curve.Resolution, curve.Corrected);
        corrected.LegendText = "FSC (corrected)";
        corrected.MarkerSize = 0;
        if (curve.Unmasked.Any(v => v != 0))
        {
            var unmasked = plot.Add.Scatter(curve.Resolution, curve.Unmasked);
            unmasked.LegendText = "FSC (unmasked)";
            unmasked.MarkerSize = 0;
        }

        var threshold = plot.Add.HorizontalLine(0.143);
        threshold.LinePattern = LinePattern.Dashed;
        threshold.LegendText = "0.143";
        plot.Title(double.IsFinite(curve.FinalResolution) ? $"Global resolution {curve.FinalResolution:0.0} Å" : "Fourier shell correlation");
        plot.XLabel("spatial frequency (1/Å)");
        plot.YLabel("FSC");
        plot.Axes.SetLimitsY(-0.1, 1.05);
        plot.ShowLegend(Alignment.UpperRight);
        DriftPlot.Save(plot, path, 640, 480);
    }
}
