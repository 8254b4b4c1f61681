using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scipion.AzureBatch.Tests;

/// <summary>The copied spec examples (see SpecExamples/README.md) and the shape checks made against them.</summary>
internal static class SpecExample
{
    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SpecExamples", relativePath)))!;

    public static JsonNode Parameter(string relativePath, string name) => Load(relativePath)["parameters"]![name]!;

    public static string ResponseBody(string relativePath, string status) => Load(relativePath)["responses"]![status]!["body"]!.ToJsonString();

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SpecExamples", relativePath));

    /// <summary>
    /// Property paths of <paramref name="actual"/> (array items as <c>[]</c>) that no example has with the same kind
    /// of value, less those in <paramref name="alsoAllowed"/> (each checked by hand against a BatchService.json definition).
    /// </summary>
    public static IReadOnlyList<string> UnknownProperties(JsonNode actual, IEnumerable<JsonNode> examples, params string[] alsoAllowed)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            Collect(example, "", known);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(actual, "", seen);
        return seen.Where(p => !known.Contains(p) && !alsoAllowed.Any(a => p == a || p.StartsWith(a + ".", StringComparison.Ordinal) || p.StartsWith(a + ":", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void Collect(JsonNode? node, string path, HashSet<string> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Collect(child, path.Length == 0 ? name : $"{path}.{name}", into);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, path + "[]", into);
                }

                break;
            case JsonValue value:
                into.Add($"{path}:{Kind(value.GetValueKind())}");
                break;
        }
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        _ => "string",
    };
}
