using System.Text.Json;

namespace Scipion.Compute.AzureBatch;

/// <summary>
/// The spec's <c>BatchError</c>: <c>{"code", "message": {"lang", "value"}, "values": [{"key", "value"}]}</c>.
/// Parsed leniently: a proxy or load balancer may answer with HTML or nothing at all.
/// </summary>
internal sealed record BatchErrorBody(string? Code, string? Message)
{
    public static BatchErrorBody Parse(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return new BatchErrorBody(null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new BatchErrorBody(null, null);
            }

            string? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string? message = root.TryGetProperty("message", out var m)
                ? m.ValueKind switch
                {
                    JsonValueKind.Object when m.TryGetProperty("value", out var v) => v.GetString(),
                    JsonValueKind.String => m.GetString(),
                    _ => null,
                }
                : null;
            if (root.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                var details = values.EnumerateArray()
                    .Where(d => d.ValueKind == JsonValueKind.Object)
                    .Select(d => $"{Text(d, "key")}={Text(d, "value")}")
                    .ToList();
                if (details.Count > 0)
                {
                    message = $"{message} ({string.Join(", ", details)})";
                }
            }

            return new BatchErrorBody(code, message?.Trim());
        }
        catch (JsonException)
        {
            return new BatchErrorBody(null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
