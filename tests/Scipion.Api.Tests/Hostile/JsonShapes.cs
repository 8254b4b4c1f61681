using System.Text;
using System.Text.Json;
using CsCheck;

namespace Scipion.Api.Tests.Hostile;

public enum FieldKind
{
    Text,
    Number,
    Object,
    Boolean,
}

/// <summary>
/// One member of a request body: its name, its JSON text, whether the route needs it, its type, why the contract
/// refuses its value (null: it may not), and the check of any other text that could go in its place.
/// </summary>
public sealed record Field(string Key, string Json, bool Required, FieldKind Kind, string? Bad = null, Func<string, string?>? Check = null)
{
    public static Field Text(string key, Hostile value, Func<string, string?> check, bool required = true) =>
        new(key, JsonSerializer.Serialize(value.Value), required, FieldKind.Text, value.Refused ? $"'{key}' is {value.Why}" : null, check);

    public static Field Number(string key, Hostile value, bool required = true) =>
        new(key, value.Value, required, FieldKind.Number, value.Refused ? $"'{key}' is {value.Why}" : null);

    public static Field Object(string key, IReadOnlyList<Field> members, bool required = true, string? bad = null) =>
        new(key, JsonShapes.Render(members), required, FieldKind.Object, bad ?? members.Select(m => m.Bad).FirstOrDefault(b => b is not null));
}

/// <summary>A body as sent: its text (null: none), its Content-Type (null: none), and why the contract refuses it (null: it may not).</summary>
public sealed record BodyShape(string? Text, string? ContentType, string? Bad);

/// <summary>
/// Request bodies of every wrong shape, from a valid one: wrong types, nulls, deep nesting, duplicate keys (also
/// differing in case), huge numbers, arrays instead of objects, missing and extra members, wrong Content-Type, no body.
/// </summary>
public static class JsonShapes
{
    public static string Render(IEnumerable<Field> fields) =>
        "{" + string.Join(",", fields.Select(f => $"{JsonSerializer.Serialize(f.Key)}:{f.Json}")) + "}";

    /// <summary>The valid body (with the badness of its values) now and then, and every kind of wrong shape otherwise.</summary>
    public static Gen<BodyShape> Of(IReadOnlyList<Field> fields, IReadOnlyList<Field>? nested = null, string? nestedKey = null)
    {
        var valuesBad = BadOf(fields);
        var valid = new BodyShape(Render(fields), "application/json", valuesBad);
        var all = new List<(int, IGen<BodyShape>)>
        {
            (6, Gen.Const(valid)),
            (1, Gen.Int[0, fields.Count - 1].Select(i => Sized(new BodyShape(Render(fields.Where((_, j) => j != i)), "application/json",
                fields[i].Required ? $"'{fields[i].Key}' missing" : BadOf(fields.Where((_, j) => j != i)))))),
            (3, Gen.Select(Gen.Int[0, fields.Count - 1], WrongValue, (i, wrong) => Replace(fields, i, wrong))),
            (1, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 10], Gen.OneOf("1", "null", "\"x\"", "[]", "{\"a\":{}}"), (key, value) =>
                new BodyShape(Render([.. fields, new Field("x" + key, value, false, FieldKind.Text)]), "application/json", valuesBad))),
            (2, Gen.Select(Gen.Int[0, fields.Count - 1], Gen.Bool, (i, caseOnly) => Bad(
                Render([.. fields, fields[i] with { Key = caseOnly ? Flip(fields[i].Key) : fields[i].Key }]),
                caseOnly ? $"'{fields[i].Key}' twice, differing in case" : $"'{fields[i].Key}' twice"))),
            (1, Gen.OneOf("[]", "null", "\"text\"", "42", "true", "[{}]", "[" + Render(fields) + "]").Select(top => Bad(top, "not a JSON object"))),
            (1, Gen.OneOf(string.Empty, " ", "\n\n").Select(empty => Bad(empty, "an empty body"))),
            (1, Gen.OneOf(
                Render(fields)[..^1],
                Render(fields)[..^1] + ",}",
                Render(fields).Replace('"', '\''),
                "/* comment */" + Render(fields),
                Render(fields) + " trailing",
                Render(fields) + Render(fields),
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u00\"}").Select(text => Bad(text, "not valid JSON"))),
            (2, Gen.OneOf(
                new BodyShape(valid.Text, "text/plain", "not JSON by its Content-Type"),
                new BodyShape(valid.Text, "application/x-www-form-urlencoded", "not JSON by its Content-Type"),
                new BodyShape(valid.Text, "multipart/form-data; boundary=x", "not JSON by its Content-Type"),
                new BodyShape(valid.Text, "application/xml", "not JSON by its Content-Type"),
                new BodyShape(valid.Text, null, valuesBad),
                new BodyShape(valid.Text, "application/json; charset=utf-8", valuesBad),
                new BodyShape(valid.Text, "Application/JSON", valuesBad),
                new BodyShape(valid.Text, "garbage", null),
                new BodyShape("\uFEFF" + valid.Text, "application/json", valuesBad))),
            (1, Gen.Const(new BodyShape(null, null, "no body"))),
        };
        if (nested is { Count: > 0 } && nestedKey is not null)
        {
            // Duplicates one level down too: inputs and parameters are objects of the client's choosing.
            var at = fields.ToList().FindIndex(f => f.Key == nestedKey);
            all.Add((3, Gen.Select(Gen.Int[0, nested.Count - 1], Gen.Bool, (i, caseOnly) => Bad(
                Render(fields.Select((f, j) => j == at ? Field.Object(nestedKey, [.. nested, nested[i] with { Key = caseOnly ? Flip(nested[i].Key) : nested[i].Key }]) : f)),
                caseOnly ? $"'{nestedKey}.{nested[i].Key}' twice, differing in case" : $"'{nestedKey}.{nested[i].Key}' twice"))));
        }

        return Gen.Frequency([.. all]);
    }

    /// <summary>Values of the wrong type, or beyond every number type, or very long.</summary>
    private static readonly Gen<Wrong> WrongValue = Gen.Frequency(
        (2, Gen.OneOf(new Wrong("42", WrongKind.Number), new Wrong("true", WrongKind.Boolean), new Wrong("[]", WrongKind.Array), new Wrong("[\"a\",1]", WrongKind.Array),
            new Wrong("{}", WrongKind.Object), new Wrong("{\"$ref\":\"#\"}", WrongKind.Object))),
        (1, Gen.Const(new Wrong("null", WrongKind.Null))),
        (1, Gen.Int[65, 3000].Select(depth => new Wrong(new string('[', depth) + new string(']', depth), WrongKind.Deep))),
        (1, Gen.Int[65, 3000].Select(depth => new Wrong(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), WrongKind.Deep))),
        (1, Gen.OneOf("1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808", "1.5e308", "0.0000000000000000000000001", "-1", "2147483648")
            .Select(n => new Wrong(n, WrongKind.HugeNumber))),
        (1, Gen.OneOf(1, 100, 2000, 70_000).Select(n => new Wrong(JsonSerializer.Serialize(new string('s', n)), WrongKind.LongText))));

    private static BodyShape Replace(IReadOnlyList<Field> fields, int i, Wrong wrong)
    {
        var field = fields[i];
        string? bad = (wrong.Kind, field.Kind) switch
        {
            (WrongKind.Null, _) => field.Required ? $"'{field.Key}' is null" : null,
            (WrongKind.Deep, _) => $"'{field.Key}' is nested {wrong.Json.Length / 2} deep",
            (WrongKind.Number, FieldKind.Number) => null,
            (WrongKind.Object, FieldKind.Object) => null,
            (WrongKind.HugeNumber, FieldKind.Number) => wrong.Json is "-1" or "2147483648" ? null : $"'{field.Key}' is {wrong.Json}",
            (WrongKind.LongText, FieldKind.Text) => field.Check?.Invoke(JsonSerializer.Deserialize<string>(wrong.Json)!),
            _ => $"'{field.Key}' is {wrong.Kind} where {field.Kind} goes",
        };
        // A null bad is "the route may take it or refuse it on grounds of its own" (a size of -1): either is fine.
        var replaced = fields.Select((f, j) => j == i ? f with { Json = wrong.Json, Bad = bad } : f).ToList();
        return Sized(new BodyShape(Render(replaced), "application/json", BadOf(replaced)));
    }

    private static string? BadOf(IEnumerable<Field> fields) => fields.Select(f => f.Bad).FirstOrDefault(b => b is not null);

    private static BodyShape Sized(BodyShape shape) =>
        shape.Text is { Length: > 64 * 1024 } ? shape with { Bad = "a body over 64 KiB" } : shape;

    private enum WrongKind
    {
        Number,
        Boolean,
        Array,
        Object,
        Null,
        Deep,
        HugeNumber,
        LongText,
    }

    private sealed record Wrong(string Json, WrongKind Kind);

    private static BodyShape Bad(string text, string why) => new(text, "application/json", why);

    private static string Flip(string key) =>
        key.Length == 0 ? key : (char.IsUpper(key[0]) ? char.ToLowerInvariant(key[0]) : char.ToUpperInvariant(key[0])) + key[1..];

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
