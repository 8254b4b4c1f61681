using Scipion.Core.Formats;
using Scipion.Core.Results;
using Scipion.Core.Tools;

namespace Scipion.Reports;

/// <summary>Draws the PNGs a finished run promises (the plan's <c>*.png</c> products) from its RELION outputs.</summary>
public static class ToolReports
{
    /// <returns>The PNGs written, relative to the workspace directory.</returns>
    public static IReadOnlyList<string> Write(ToolPlan plan)
    {
        var workspace = plan.Workspace;
        string Full(string product) => workspace.FullPath(plan.Product(product));
        var written = new List<string>();
        void Done(string product) => written.Add(plan.Product(product));

        switch (plan.Tool)
        {
            case MovieAlignmentTool.ToolName or PipelineTool.ToolName:
                DriftPlot.Render(MotionCorrectionResult.Read(workspace.Directory, plan.Product("micrographs")), Full("drift.png"));
                Done("drift.png");
                break;
            case FirstMapTool.ToolName:
                var model = InitialModelResult.Find(Path.GetDirectoryName(Full("map"))!);
                SlicesImage.Render(MrcFile.Read(model.MapPath), Full("slices.png"), $"Initial model, iteration {model.Iteration}");
                Done("slices.png");
                break;
            case ResolutionMapTool.ToolName:
                var local = LocalResolutionResult.Read(Full("localResolution"), Full("mask"));
                HistogramPlot.Render(local, Full("histogram.png"));
                Done("histogram.png");
                SlicesImage.Render(MrcFile.Read(Full("filteredMap")), Full("slices.png"), "Locally filtered map");
                Done("slices.png");
                FscPlot.Render(FscCurve.Read(Full("postprocess")), Full("fsc.png"));
                Done("fsc.png");
                break;
            default:
                throw new NotSupportedException($"No reports for tool {plan.Tool}.");
        }

        return written;
    }
}
