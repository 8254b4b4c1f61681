using System.Text.Json;
using Scipion.Core;
using Scipion.Core.Events;

namespace Scipion.Functions.Events;

/// <summary>
/// Reads Microsoft.Storage.BlobCreated events as Event Grid delivers them to a storage queue, in the Event Grid
/// schema or the CloudEvents schema, one event or an array. Events for other containers or types yield nothing.
/// </summary>
public static class EventGridBlobCreated
{
    private const string EventType = "Microsoft.Storage.BlobCreated";
    private const string SubjectPrefix = $"/blobServices/default/containers/{StorageNames.ProjectsContainer}/blobs/";

    public static IReadOnlyList<BlobCreated> Parse(string message)
    {
        using var document = JsonDocument.Parse(message);
        var events = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().ToList()
            : [document.RootElement];
        return [.. events.Select(ParseOne).OfType<BlobCreated>()];
    }

    private static BlobCreated? ParseOne(JsonElement e)
    {
        var type = String(e, "eventType") ?? String(e, "type");
        var subject = String(e, "subject");
        if (type != EventType || subject is null || !subject.StartsWith(SubjectPrefix, StringComparison.Ordinal)
            || !e.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var name = Uri.UnescapeDataString(subject[SubjectPrefix.Length..]);
        var slash = name.IndexOf('/');
        if (slash <= 0 || slash == name.Length - 1)
        {
            return null;
        }

        var size = data.TryGetProperty("contentLength", out var length) && length.TryGetInt64(out var l) ? l : 0;
        return new BlobCreated(name[..slash], name[(slash + 1)..], String(data, "eTag") ?? string.Empty, size);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
