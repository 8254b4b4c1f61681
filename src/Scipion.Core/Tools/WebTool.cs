using System.Text.Json.Nodes;

namespace Scipion.Core.Tools;

/// <summary>Binds a tool's typed settings to the untyped request and plan calls.</summary>
public abstract class WebTool<TSettings> : IWebTool
    where TSettings : class
{
    public abstract string Name { get; }

    public abstract string Title { get; }

    public abstract string Description { get; }

    public abstract JsonObject ParametersSchema { get; }

    public abstract JsonObject InputsSchema { get; }

    public ToolRequest Validate(JsonObject? inputs, JsonObject? parameters)
    {
        var arguments = new ToolArguments(inputs, parameters);
        var settings = Read(arguments);
        arguments.ThrowIfInvalid();
        return new ToolRequest(Name, settings);
    }

    public ToolPlan Plan(ToolRequest request, ToolWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tool != Name || request.Settings is not TSettings settings)
        {
            throw new ArgumentException($"A {request.Tool} request cannot be planned by {Name}.", nameof(request));
        }

        return Plan(settings, workspace);
    }

    public abstract ToolPlan Plan(TSettings settings, ToolWorkspace workspace);

    /// <summary>Reads settings, recording problems in <paramref name="arguments"/> rather than throwing at the first.</summary>
    protected abstract TSettings Read(ToolArguments arguments);
}
