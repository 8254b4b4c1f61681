using System.Text.Json.Nodes;

namespace Scipion.Core.Runs;

/// <summary>What <c>GET /api/tools</c> shows of a tool: enough to generate a form and to validate a request.</summary>
public sealed record ToolInfo(string Name, string Title, string Description, JsonObject Parameters, IReadOnlyList<ToolInput> Inputs);
