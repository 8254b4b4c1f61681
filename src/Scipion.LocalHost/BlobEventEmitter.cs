using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Scipion.Core;

namespace Scipion.LocalHost;

/// <summary>
/// Azurite has no Event Grid, so the local host watches the projects container and puts the same
/// Microsoft.Storage.BlobCreated message on the blob-created queue for each new or rewritten blob. What it has
/// announced (name and ETag) is kept in a table, so a restarted host neither repeats itself nor misses uploads
/// made while it was down.
/// </summary>
public sealed class BlobEventEmitter(
    BlobServiceClient blobs,
    QueueServiceClient queues,
    TableServiceClient tables,
    IOptions<LocalHostOptions> options,
    ILogger<BlobEventEmitter> logger) : BackgroundService
{
    public const string AnnouncedTable = "localblobevents";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.ProjectsContainer);
        var queue = queues.GetQueueClient(StorageNames.BlobCreatedQueue);
        var announced = tables.GetTableClient(AnnouncedTable);
        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await announced.CreateIfNotExistsAsync(stoppingToken);

        var known = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var row in announced.QueryAsync<TableEntity>(cancellationToken: stoppingToken))
        {
            known[Decode(row.RowKey)] = new ETag(row.GetString("BlobETag"));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, stoppingToken))
                {
                    if (known.TryGetValue(blob.Name, out var etag) && etag == blob.Properties.ETag)
                    {
                        continue;
                    }

                    await queue.SendMessageAsync(EventFor(container, blob), stoppingToken);
                    await announced.UpsertEntityAsync(
                        new TableEntity("blob", Encode(blob.Name)) { ["BlobETag"] = blob.Properties.ETag.ToString() },
                        TableUpdateMode.Replace, stoppingToken);
                    known[blob.Name] = blob.Properties.ETag ?? default;
                }

                await Task.Delay(options.Value.BlobEventPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Watching the projects container failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>An Event Grid schema event, as Event Grid delivers it to a storage queue.</summary>
    public static string EventFor(BlobContainerClient container, BlobItem blob) => new JsonObject
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = $"/subscriptions/local/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/{container.AccountName}",
        ["subject"] = $"/blobServices/default/containers/{container.Name}/blobs/{blob.Name}",
        ["eventType"] = "Microsoft.Storage.BlobCreated",
        ["eventTime"] = (blob.Properties.LastModified ?? DateTimeOffset.UtcNow).ToString("O"),
        ["data"] = new JsonObject
        {
            ["api"] = "PutBlockList",
            ["eTag"] = blob.Properties.ETag?.ToString(),
            ["contentType"] = blob.Properties.ContentType,
            ["contentLength"] = blob.Properties.ContentLength,
            ["blobType"] = "BlockBlob",
            ["url"] = container.GetBlobClient(blob.Name).Uri.ToString(),
        },
        ["dataVersion"] = "",
        ["metadataVersion"] = "1",
    }.ToJsonString();

    // Table keys refuse '/', '\', '#' and '?', which blob names may hold.
    private static string Encode(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).Replace('/', '_').Replace('+', '-');

    private static string Decode(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(key.Replace('_', '/').Replace('-', '+')));
}
