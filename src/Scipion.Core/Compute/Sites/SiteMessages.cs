using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scipion.Core.Compute.Sites;

/// <summary>The queues and JSON form the platform and site agents share.</summary>
public static class SiteMessages
{
    public const string JobsQueue = StorageNames.SiteJobsQueue;
    public const string CancelsQueue = StorageNames.SiteCancelsQueue;
    public const string ReportsQueue = StorageNames.SiteReportsQueue;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Json);

    public static T Deserialize<T>(string text) =>
        JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException($"An empty {typeof(T).Name}.");
}
