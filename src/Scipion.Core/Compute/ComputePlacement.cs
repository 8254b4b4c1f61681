using System.Text.Json.Nodes;
using Scipion.Core.Errors;

namespace Scipion.Core.Compute;

/// <summary>A backend by name and, optionally, one of its queues (a Slurm partition, a Batch pool).</summary>
public sealed record ComputePlacement(string Backend, string? Queue = null)
{
    /// <summary>The run parameter that overrides placement for all the run's steps: <c>{"backend":"slurm","queue":"debug"}</c>.</summary>
    public const string Parameter = "compute";

    /// <summary>Reads "backend" or "backend/queue", as configuration writes placements.</summary>
    public static ComputePlacement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string backend = (slash < 0 ? text : text[..slash]).Trim();
        string? queue = slash < 0 ? null : text[(slash + 1)..].Trim();
        return new ComputePlacement(backend, string.IsNullOrEmpty(queue) ? null : queue);
    }

    /// <summary>
    /// The run's own placement, from <c>parameters.compute</c>; either part may be left out ({"queue":"debug"} keeps
    /// each step's backend). Null when the run names none.
    /// </summary>
    public static RunPlacement? FromRunParameters(JsonObject? parameters)
    {
        var node = parameters?[Parameter];
        if (node is null)
        {
            return null;
        }

        string field = $"parameters.{Parameter}";
        if (node is not JsonObject compute)
        {
            throw ScipionError.Invalid(field, $"{Parameter} must be an object such as {{\"backend\":\"slurm\",\"queue\":\"debug\"}}.");
        }

        var errors = new Validation();
        foreach (var unknown in compute.Select(p => p.Key).Where(k => k is not ("backend" or "queue")))
        {
            errors.Add($"{field}.{unknown}", $"Unknown setting '{unknown}' of {Parameter}; expected backend, queue.");
        }

        string? Text(string name)
        {
            var value = compute[name];
            if (value is null)
            {
                return null;
            }

            if (value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }

            errors.Add($"{field}.{name}", $"{Parameter}.{name} must be a non-empty string.");
            return null;
        }

        var placement = new RunPlacement(Text("backend"), Text("queue"));
        errors.Require(placement.Backend is not null || placement.Queue is not null, field, $"{Parameter} must name a backend, a queue or both.");
        errors.ThrowIfAny();
        return placement;
    }

    public override string ToString() => Queue is null ? Backend : $"{Backend}/{Queue}";
}

/// <summary>A run's override of where its steps run; a part left null keeps the configured one.</summary>
public sealed record RunPlacement(string? Backend, string? Queue);
