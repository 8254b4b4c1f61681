using System.Text.Json.Nodes;

namespace Scipion.Core.Tools;

/// <summary>Small builders for the JSON schemas tools publish at <c>GET /api/tools</c>.</summary>
internal static class Schema
{
    public static JsonObject Object(JsonObject properties, params string[] required) => new()
    {
        ["type"] = "object",
        ["properties"] = properties,
        ["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray()),
        ["additionalProperties"] = false,
    };

    public static JsonObject Number(string description, double? fallback = null, double? minimum = null, double? maximum = null, string? unit = null) =>
        With(new JsonObject { ["type"] = "number", ["description"] = description }, fallback, minimum, maximum, unit);

    public static JsonObject Integer(string description, int? fallback = null, int? minimum = null, int? maximum = null) =>
        With(new JsonObject { ["type"] = "integer", ["description"] = description }, fallback, minimum, maximum, null);

    public static JsonObject Text(string description, string? fallback = null, string? pattern = null)
    {
        var schema = new JsonObject { ["type"] = "string", ["description"] = description };
        if (fallback is not null)
        {
            schema["default"] = fallback;
        }

        if (pattern is not null)
        {
            schema["pattern"] = pattern;
        }

        return schema;
    }

    public static JsonObject Boolean(string description, bool fallback) =>
        new() { ["type"] = "boolean", ["description"] = description, ["default"] = fallback };

    public static JsonObject Pair(string description, int x, int y, int minimum) => new()
    {
        ["type"] = "array",
        ["description"] = description,
        ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = minimum },
        ["minItems"] = 2,
        ["maxItems"] = 2,
        ["default"] = new JsonArray(x, y),
    };

    private static JsonObject With(JsonObject schema, double? fallback, double? minimum, double? maximum, string? unit)
    {
        if (fallback is not null)
        {
            schema["default"] = fallback;
        }

        if (minimum is not null)
        {
            schema["minimum"] = minimum;
        }

        if (maximum is not null)
        {
            schema["maximum"] = maximum;
        }

        if (unit is not null)
        {
            schema["unit"] = unit;
        }

        return schema;
    }
}
