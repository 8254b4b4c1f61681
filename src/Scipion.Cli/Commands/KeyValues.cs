using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scipion.Cli.Commands;

/// <summary>key=value pairs from the command line as a JSON object: values that parse as JSON are JSON (1, true, [1,1]), others strings.</summary>
public static class KeyValues
{
    public static JsonObject ToObject(IEnumerable<string> pairs)
    {
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                throw new ArgumentException($"'{pair}' is not key=value");
            }

            var (key, text) = (pair[..equals], pair[(equals + 1)..]);
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                value = JsonValue.Create(text);
            }

            result[key] = value;
        }

        return result;
    }
}
