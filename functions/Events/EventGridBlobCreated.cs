using System.Text.Json;
using Scipion.Core;
using Scipion.Core.Events;

namespace Scipion.Functions.Events;

/// <summary>
/// Reads Microsoft.Storage.BlobCreated events as Event Grid delivers them to a storage queue, in the Event Grid
/// schema or the CloudEvents schema, one event or an array. The subject names the project's own container,
/// <c>/blobServices/default/containers/p-{projectId}/blobs/{path}</c>; events for other containers or types yield nothing.
/// </summary>
public static class EventGridBlobCreated
{
    private const string EventType = "Microsoft.Storage.BlobCreated";
    private const string ContainersPrefix = "/blobServices/default/containers/";
    private const string BlobsSegment = "/blobs/";

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
        if (type != EventType || subject is null || !subject.StartsWith(ContainersPrefix, StringComparison.Ordinal)
            || !e.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var rest = subject[ContainersPrefix.Length..];
        var blobs = rest.IndexOf(BlobsSegment, StringComparison.Ordinal);
        if (blobs <= 0 || !StorageNames.TryProjectOfContainer(rest[..blobs], out var projectId))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(rest[(blobs + BlobsSegment.Length)..]);
        if (path.Length == 0)
        {
            return null;
        }

        var size = data.TryGetProperty("contentLength", out var length) && length.TryGetInt64(out var l) ? l : 0;
        return new BlobCreated(projectId, path, String(data, "eTag") ?? string.Empty, size);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
