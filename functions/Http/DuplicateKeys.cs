using System.Text.Json;
using Scipion.Core.Errors;

namespace Scipion.Functions.Http;

/// <summary>
/// Refuses a JSON body in which one object names a key twice, also in another case (<c>"Name"</c> and <c>"name"</c>),
/// at any depth. Which of the two would win is the parser's accident (and a JsonObject throws on it), and the
/// contract's names are read ignoring case, so the request is ambiguous: a 400 that names the key.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Throws a validation error naming the first repeated key; malformed JSON throws <see cref="JsonException"/>.</summary>
    public static void Refuse(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<(HashSet<string>? Keys, string Path)>();
        string? name = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var parent = open.TryPeek(out var outer) ? outer.Path : string.Empty;
                    var keys = reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
                    open.Push((keys, name is null ? parent : Join(parent, name)));
                    name = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var (seen, where) = open.Peek();
                    name = Name(ref reader);
                    if (!seen!.Add(name))
                    {
                        throw ScipionError.Invalid(Join(where, name),
                            $"The key '{name}' appears twice in {(where.Length == 0 ? "the body" : where)} (keys are compared ignoring case).");
                    }

                    break;
                default:
                    name = null;
                    break;
            }
        }
    }

    private static string Name(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ScipionError.Invalid("body", "The body is not valid UTF-8 JSON.");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
