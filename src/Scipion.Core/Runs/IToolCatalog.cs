using System.Text.Json.Nodes;

namespace Scipion.Core.Runs;

/// <summary>The web tools the platform runs, and the validation of their parameters.</summary>
public interface IToolCatalog
{
    IReadOnlyList<ToolInfo> Tools { get; }

    /// <summary>The parameters with defaults filled in; throws a validation error naming each bad field.</summary>
    JsonObject ValidateParameters(string tool, JsonObject parameters);
}
