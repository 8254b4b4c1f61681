using System.Text.Json.Nodes;

namespace Scipion.Core.Tools;

/// <summary>
/// A web tool: what it is called and asks for, how a request is checked, and the jobs that compute it.
/// <see cref="Validate"/> is pure (call it when the run is requested); <see cref="Plan"/> reads the
/// inputs staged in the workspace (headers, STAR tables) to fill defaults and build the command lines.
/// </summary>
public interface IWebTool
{
    string Name { get; }

    string Title { get; }

    string Description { get; }

    /// <summary>JSON schema of the <c>parameters</c> object, with the defaults of the contract.</summary>
    JsonObject ParametersSchema { get; }

    /// <summary>JSON schema of the <c>inputs</c> object (project paths and globs).</summary>
    JsonObject InputsSchema { get; }

    /// <summary>Checks inputs and parameters; throws <see cref="Errors.ScipionError"/> (Validation) listing every problem.</summary>
    ToolRequest Validate(JsonObject? inputs, JsonObject? parameters);

    ToolPlan Plan(ToolRequest request, ToolWorkspace workspace);
}
