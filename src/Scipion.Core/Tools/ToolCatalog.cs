using Scipion.Core.Errors;

namespace Scipion.Core.Tools;

/// <summary>The web tools this platform offers, by name.</summary>
public sealed class ToolCatalog
{
    public ToolCatalog()
        : this([new MovieAlignmentTool(), new FirstMapTool(), new ResolutionMapTool(), new PipelineTool()])
    {
    }

    public ToolCatalog(IEnumerable<IWebTool> tools) => All = tools.ToList();

    public IReadOnlyList<IWebTool> All { get; }

    public IWebTool Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw ScipionError.Invalid("tool", $"Unknown tool '{name}'; expected one of {string.Join(", ", All.Select(t => t.Name))}.");
}
