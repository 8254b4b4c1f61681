using System.Text.Json;

namespace Scipion.Functions.Events;

/// <summary>
/// Whether a blob-created queue message is events at all: one event or a non-empty array of them, each a JSON object
/// with a type (<c>eventType</c>, or CloudEvents' <c>type</c>), a <c>subject</c> and an object <c>data</c>. Which of
/// them matter (BlobCreated, in a project's container) is the parser's business; anything else is unreadable.
/// </summary>
public static class BlobEventShape
{
    public static void EnsureEvents(string message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException e)
        {
            throw new UnreadableMessageException($"Not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            List<JsonElement> events = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : [root];
            if (events.Count == 0)
            {
                throw new UnreadableMessageException("An empty array of events.");
            }

            if (events.FirstOrDefault(e => !IsEvent(e)) is { ValueKind: not JsonValueKind.Undefined } junk)
            {
                throw new UnreadableMessageException($"Not an event: {Head(junk.GetRawText())}");
            }
        }
    }

    public static string Head(string text) => text.Length > 200 ? text[..200] + "…" : text;

    private static bool IsEvent(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && (IsString(e, "eventType") || IsString(e, "type"))
        && IsString(e, "subject")
        && e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;

    private static bool IsString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String;
}
