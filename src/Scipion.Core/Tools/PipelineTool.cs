using System.Text.Json.Nodes;

namespace Scipion.Core.Tools;

/// <summary>
/// The pipeline from movies on. On this CPU-only RELION it is import and motion correction: CTF estimation
/// needs CTFFIND, which is not packaged, and everything after (picking, extraction, classification) needs CTFs.
/// A streaming run plans again for each new movie (<see cref="ToolWorkspace.Batch"/>, <see cref="ToolWorkspace.Arrival"/>),
/// into job folders of its own, so movies are aligned side by side as they arrive.
/// </summary>
public sealed class PipelineTool : WebTool<PipelineSettings>
{
    public const string ToolName = "pipeline";

    public override string Name => ToolName;

    public override string Title => "Pipeline";

    public override string Description =>
        "Processes movies as they arrive: import and motion correction, one RELION job folder per step. (CTF estimation and later steps need CTFFIND, not available here.)";

    public override JsonObject InputsSchema => new MovieAlignmentTool().InputsSchema;

    public override JsonObject ParametersSchema
    {
        get
        {
            var properties = MovieAlignmentTool.Properties();
            properties["streaming"] = Schema.Boolean("Keep running and process each new movie uploaded under Movies/.", false);
            return Schema.Object(properties, "pixelSize");
        }
    }

    public override ToolPlan Plan(PipelineSettings settings, ToolWorkspace workspace) =>
        MovieAlignmentTool.PlanSteps(settings.Movies, workspace, ToolName);

    protected override PipelineSettings Read(ToolArguments arguments) => PipelineSettings.Read(arguments);
}
