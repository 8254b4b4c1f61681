namespace Scipion.Core.Tools;

public sealed record PipelineSettings(MovieAlignmentSettings Movies, bool Streaming)
{
    internal static PipelineSettings Read(ToolArguments a) =>
        new(MovieAlignmentSettings.Read(a), a.Boolean("streaming", false));
}
