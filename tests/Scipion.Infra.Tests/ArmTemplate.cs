using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Scipion.Infra.Tests;

/// <summary>
/// A compiled ARM template (the output of <c>bicep build</c>), read for the facts the consistency
/// check needs. Modules compile to nested deployments whose values arrive as parameters, so string
/// values are resolved through <c>parameters('x')</c> (a value passed in, else the parameter's default:
/// what a deployment that overrides nothing gets), <c>variables('x')</c>, <c>string(...)</c> of those and
/// simple <c>format(...)</c> calls over those and literals; anything more dynamic resolves to null and the
/// check says so. Numbers resolve to their invariant text, as app settings hold them.
/// </summary>
public sealed partial class ArmTemplate
{
    private ArmTemplate(IReadOnlyList<ArmResource> resources) => Resources = resources;

    public IReadOnlyList<ArmResource> Resources { get; }

    public static ArmTemplate Load(string path) => Parse(File.ReadAllText(path));

    public static ArmTemplate Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The template is not a JSON object.");
        var resources = new List<ArmResource>();
        Collect(root, new Dictionary<string, string>(), resources);
        return new ArmTemplate(resources);
    }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Names of the app settings each Function app (Microsoft.Web/sites) sets.</summary>
    public IReadOnlySet<string> FunctionAppSettingNames() =>
        FunctionAppSettings().Select(s => s.Name).Where(name => name.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>The app settings as name → resolved value (null where the value is computed at deployment).</summary>
    public IReadOnlyList<(string Name, string? Value)> FunctionAppSettings() =>
        OfType("Microsoft.Web/sites")
            .SelectMany(site => (site.Body["properties"]?["siteConfig"]?["appSettings"] as JsonArray ?? [])
                .Select(s => (Name: site.Resolve(s?["name"]) ?? "", Value: site.Resolve(s?["value"]))))
            .ToList();

    private static void Collect(JsonObject template, IReadOnlyDictionary<string, string> parameters, List<ArmResource> into)
    {
        var scope = WithVariables(template, WithDefaults(template, parameters));

        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };

        foreach (var body in resources)
        {
            var resource = new ArmResource(body["type"]?.GetValue<string>() ?? "", body, scope);
            into.Add(resource);
            if (resource.Type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                && body["properties"]?["template"] is JsonObject nested)
            {
                Collect(nested, NestedParameters(resource), into);
            }
        }
    }

    /// <summary>The parameters passed in, plus the defaults of those that were not.</summary>
    private static Dictionary<string, string> WithDefaults(JsonObject template, IReadOnlyDictionary<string, string> passed)
    {
        var scope = new Dictionary<string, string>(passed, StringComparer.OrdinalIgnoreCase);
        if (template["parameters"] is JsonObject declared)
        {
            var reader = new ArmResource("", [], scope);
            foreach (var (name, declaration) in declared)
            {
                if (!scope.ContainsKey(name) && reader.Resolve(declaration?["defaultValue"]) is { } value)
                {
                    scope[name] = value;
                }
            }
        }

        return scope;
    }

    /// <summary>
    /// Adds the template's variables that resolve to plain strings, as "variables:name" keys, so that
    /// values such as a pool id held in a variable can be followed into modules.
    /// </summary>
    private static Dictionary<string, string> WithVariables(JsonObject template, IReadOnlyDictionary<string, string> parameters)
    {
        var scope = new Dictionary<string, string>(parameters, StringComparer.OrdinalIgnoreCase);
        if (template["variables"] is JsonObject variables)
        {
            var reader = new ArmResource("", [], scope);
            foreach (var (name, value) in variables)
            {
                if (reader.Resolve(value) is { } resolved)
                {
                    scope[$"variables:{name}"] = resolved;
                }
            }
        }

        return scope;
    }

    private static Dictionary<string, string> NestedParameters(ArmResource deployment)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (deployment.Body["properties"]?["parameters"] is JsonObject passed)
        {
            foreach (var (name, holder) in passed)
            {
                if (deployment.Resolve(holder?["value"]) is { } value)
                {
                    values[name] = value;
                }
            }
        }

        return values;
    }

    [GeneratedRegex(@"^\[(?:(?<kind>parameters|variables)\('(?<name>[^']+)'\)|string\((?<kind>parameters|variables)\('(?<name>[^']+)'\)\))\]$")]
    internal static partial Regex ReferenceExpression();

    [GeneratedRegex(@"^\[format\((?<format>'(?:[^']|'')*'|(?:parameters|variables)\('[^']+'\))(?<args>(?:,\s*(?:'(?:[^']|'')*'|(?:parameters|variables)\('[^']+'\)|-?\d+))*)\)\]$")]
    internal static partial Regex FormatExpression();

    [GeneratedRegex(@"'(?<literal>(?:[^']|'')*)'|(?<kind>parameters|variables)\('(?<name>[^']+)'\)|(?<number>-?\d+)")]
    internal static partial Regex FormatArgument();
}

/// <summary>
/// One resource of the template, with the known parameter values of the deployment that holds it
/// (keyed by name) and its variables (keyed "variables:name").
/// </summary>
public sealed record ArmResource(string Type, JsonObject Body, IReadOnlyDictionary<string, string> Scope)
{
    /// <summary>The resource's own name: the last segment of "account/default/projects".</summary>
    public string? LeafName => Resolve(Body["name"]) is { } full ? full.Split('/')[^1] : null;

    /// <summary>A string property as a plain value, or null when it is computed at deployment time.</summary>
    public string? Resolve(JsonNode? node)
    {
        if (node is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return number.ToJsonString();
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        if (!text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
        }

        if (ArmTemplate.ReferenceExpression().Match(text) is { Success: true } reference)
        {
            return Lookup(reference.Groups["kind"].Value, reference.Groups["name"].Value);
        }

        if (ArmTemplate.FormatExpression().Match(text) is { Success: true } format)
        {
            var arguments = new List<string>();
            foreach (Match argument in ArmTemplate.FormatArgument().Matches(format.Groups["args"].Value))
            {
                var resolved = Argument(argument);
                if (resolved is null)
                {
                    // Only the leaf may be known (e.g. account name is a parameter of an outer scope).
                    arguments.Add("?");
                    continue;
                }

                arguments.Add(resolved);
            }

            // The format string itself may be a literal or a variable (a multi-line Bicep string).
            return Argument(ArmTemplate.FormatArgument().Match(format.Groups["format"].Value)) is { } pattern
                ? string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, arguments.ToArray<object>())
                : null;
        }

        return null;
    }

    private string? Argument(Match argument) =>
        argument.Groups["literal"].Success ? argument.Groups["literal"].Value.Replace("''", "'", StringComparison.Ordinal)
        : argument.Groups["number"].Success ? argument.Groups["number"].Value
        : Lookup(argument.Groups["kind"].Value, argument.Groups["name"].Value);

    private string? Lookup(string kind, string name) =>
        Scope.GetValueOrDefault(kind == "variables" ? $"variables:{name}" : name);
}
