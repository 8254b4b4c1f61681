namespace Scipion.Core.Tools;

/// <summary>A validated request: the tool's own typed settings, ready to plan.</summary>
public sealed record ToolRequest(string Tool, object Settings);
