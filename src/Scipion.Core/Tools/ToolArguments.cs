using System.Text.Json;
using System.Text.Json.Nodes;
using Scipion.Core.Compute;
using Scipion.Core.Errors;

namespace Scipion.Core.Tools;

/// <summary>
/// Reads one request's <c>inputs</c> and <c>parameters</c>, collecting every problem (field names like
/// <c>parameters.pixelSize</c>) so the caller sees all of them in one validation error.
/// </summary>
public sealed class ToolArguments
{
    private readonly JsonObject _inputs;
    private readonly JsonObject _parameters;
    private readonly HashSet<string> _knownInputs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _knownParameters = new(StringComparer.Ordinal);

    public ToolArguments(JsonObject? inputs, JsonObject? parameters)
    {
        _inputs = inputs ?? [];
        _parameters = parameters ?? [];

        // Where the run computes is a parameter of every tool, read by the compute router.
        _knownParameters.Add(ComputePlacement.Parameter);
        try
        {
            ComputePlacement.FromRunParameters(_parameters);
        }
        catch (ScipionError error) when (error.Errors is not null)
        {
            foreach (var (field, messages) in error.Errors)
            {
                foreach (string message in messages)
                {
                    Errors.Add(field, message);
                }
            }
        }
    }

    public Validation Errors { get; } = new();

    public string? Path(string name, bool required)
    {
        _knownInputs.Add(name);
        string field = $"inputs.{name}";
        if (!TryString(_inputs, name, field, out string? value) || value is null)
        {
            Errors.Require(!required, field, $"{name} is required.");
            return null;
        }

        string? problem = ProjectPathRules.Problem(value);
        if (problem is not null)
        {
            Errors.Add(field, problem);
            return null;
        }

        return value;
    }

    public double? Number(string name, double? fallback, double min, double max, bool required = false)
    {
        _knownParameters.Add(name);
        string field = $"parameters.{name}";
        var node = _parameters[name];
        if (node is null)
        {
            Errors.Require(!required, field, $"{name} is required.");
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            Errors.Add(field, $"{name} must be a number.");
            return fallback;
        }

        double value = ToDouble(node);
        if (!double.IsFinite(value) || value < min || value > max)
        {
            Errors.Add(field, $"{name} must be between {min} and {max}; got {value}.");
            return fallback;
        }

        return value;
    }

    public int? Integer(string name, int? fallback, int min, int max, bool required = false)
    {
        double? value = Number(name, fallback, min, max, required);
        if (value is { } v && v != Math.Floor(v))
        {
            Errors.Add($"parameters.{name}", $"{name} must be a whole number; got {v}.");
            return fallback;
        }

        return value is null ? null : (int)value.Value;
    }

    public bool Boolean(string name, bool fallback)
    {
        _knownParameters.Add(name);
        var node = _parameters[name];
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors.Add($"parameters.{name}", $"{name} must be true or false.");
            return fallback;
        }

        return node.GetValue<bool>();
    }

    public string? Text(string name, string? fallback)
    {
        _knownParameters.Add(name);
        return TryString(_parameters, name, $"parameters.{name}", out string? value) && value is not null ? value : fallback;
    }

    public string? ParameterPath(string name)
    {
        string? value = Text(name, null);
        if (value is not null && ProjectPathRules.Problem(value) is { } problem)
        {
            Errors.Add($"parameters.{name}", problem);
            return null;
        }

        return value;
    }

    public (int X, int Y) IntegerPair(string name, (int, int) fallback, int min, int max)
    {
        _knownParameters.Add(name);
        string field = $"parameters.{name}";
        var node = _parameters[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonArray { Count: 2 } array
            && array.All(n => n is not null && n.GetValueKind() == JsonValueKind.Number && ToDouble(n) == Math.Floor(ToDouble(n))))
        {
            int x = (int)ToDouble(array[0]!), y = (int)ToDouble(array[1]!);
            if (x >= min && x <= max && y >= min && y <= max)
            {
                return (x, y);
            }
        }

        Errors.Add(field, $"{name} must be two whole numbers [x, y] between {min} and {max}.");
        return fallback;
    }

    /// <summary>Flags unknown names (typos would otherwise be silently ignored), then throws if anything was wrong.</summary>
    public void ThrowIfInvalid()
    {
        foreach (var name in _inputs.Select(p => p.Key).Where(k => !_knownInputs.Contains(k)))
        {
            Errors.Add($"inputs.{name}", $"Unknown input '{name}'; expected {string.Join(", ", _knownInputs)}.");
        }

        foreach (var name in _parameters.Select(p => p.Key).Where(k => !_knownParameters.Contains(k)))
        {
            Errors.Add($"parameters.{name}", $"Unknown parameter '{name}'; expected {string.Join(", ", _knownParameters)}.");
        }

        Errors.ThrowIfAny();
    }

    // A JsonValue built from an int will not hand out a double; its JSON text always parses.
    private static double ToDouble(JsonNode node) =>
        double.Parse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private bool TryString(JsonObject source, string name, string field, out string? value)
    {
        value = null;
        var node = source[name];
        if (node is null)
        {
            return false;
        }

        if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
        {
            Errors.Add(field, $"{name} must be a non-empty string.");
            return false;
        }

        value = node.GetValue<string>();
        return true;
    }
}
