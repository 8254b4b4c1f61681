using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Storage;

namespace Scipion.LocalHost;

/// <summary>
/// Azurite has no Event Grid, so the local host watches every project container (<c>p-{projectId}</c>) and puts the
/// same Microsoft.Storage.BlobCreated message on the blob-created queue for each new or rewritten blob. What it has
/// announced (container, name and ETag) is kept in a table, so a restarted host neither repeats itself nor misses
/// uploads made while it was down. A blob copied in from outside its project (Copy Blob through an upload grant) is
/// deleted instead of announced.
/// </summary>
/// <remarks>
/// To stay cheap with many projects, containers that changed lately (or appeared lately) are looked at every poll;
/// the quiet ones every <see cref="QuietEvery"/> polls.
/// </remarks>
public sealed class BlobEventEmitter(
    BlobServiceClient blobs,
    QueueServiceClient queues,
    TableServiceClient tables,
    IOptions<LocalHostOptions> options,
    ILogger<BlobEventEmitter> logger) : BackgroundService
{
    public const string AnnouncedTable = "localblobevents";

    /// <summary>A quiet container is looked at once in this many polls.</summary>
    private const int QuietEvery = 4;

    /// <summary>How long a container counts as busy after it appeared or a blob in it changed.</summary>
    private static readonly TimeSpan BusyFor = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(StorageNames.BlobCreatedQueue);
        var announced = tables.GetTableClient(AnnouncedTable);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await announced.CreateIfNotExistsAsync(stoppingToken);

        var known = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var row in announced.QueryAsync<TableEntity>(cancellationToken: stoppingToken))
        {
            known[Decode(row.RowKey)] = new ETag(row.GetString("BlobETag"));
        }

        var busyUntil = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (long poll = 0; !stoppingToken.IsCancellationRequested; poll++)
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                var sweepAll = poll % QuietEvery == 0;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var item in blobs.GetBlobContainersAsync(BlobContainerTraits.None, StorageNames.ProjectContainerPrefix, stoppingToken))
                {
                    if (!StorageNames.TryProjectOfContainer(item.Name, out _))
                    {
                        continue;
                    }

                    seen.Add(item.Name);
                    if (!busyUntil.TryGetValue(item.Name, out var until))
                    {
                        // A container that appears while we watch is a new project, about to get its first uploads;
                        // those already there when the host starts are looked at in this first sweep anyway.
                        until = poll == 0 ? now : now + BusyFor;
                        busyUntil[item.Name] = until;
                    }

                    if (sweepAll || until > now)
                    {
                        var container = blobs.GetBlobContainerClient(item.Name);
                        if (await AnnounceNewBlobsAsync(container, known, queue, announced, stoppingToken))
                        {
                            busyUntil[item.Name] = now + BusyFor;
                        }
                    }
                }

                if (sweepAll)
                {
                    // Deleted projects' containers are gone for good; forget them.
                    foreach (var gone in busyUntil.Keys.Where(name => !seen.Contains(name)).ToList())
                    {
                        busyUntil.Remove(gone);
                    }
                }

                await Task.Delay(options.Value.BlobEventPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Watching the project containers failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>Announces each blob not announced with its current ETag; true when there was any.</summary>
    private async Task<bool> AnnounceNewBlobsAsync(BlobContainerClient container, Dictionary<string, ETag> known, QueueClient queue, TableClient announced, CancellationToken stoppingToken)
    {
        var any = false;
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.CopyStatus, BlobStates.None, null, stoppingToken))
            {
                var key = container.Name + "/" + blob.Name;
                if (known.TryGetValue(key, out var etag) && etag == blob.Properties.ETag)
                {
                    continue;
                }

                any = true;
                if (ForeignCopy.IsFrom(blob.Properties.CopySource, container))
                {
                    await DeleteForeignCopyAsync(container, blob, stoppingToken);
                    continue;
                }

                await queue.SendMessageAsync(EventFor(container, blob), stoppingToken);
                await announced.UpsertEntityAsync(
                    new TableEntity("blob", Encode(key)) { ["BlobETag"] = blob.Properties.ETag.ToString() },
                    TableUpdateMode.Replace, stoppingToken);
                known[key] = blob.Properties.ETag ?? default;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The project was deleted while we looked.
        }

        return any;
    }

    private async Task DeleteForeignCopyAsync(BlobContainerClient container, BlobItem blob, CancellationToken stoppingToken)
    {
        try
        {
            await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(
                DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = blob.Properties.ETag }, stoppingToken);
            logger.LogWarning("Deleted {Container}/{Blob}: copied in from {Source}, outside the project", container.Name, blob.Name, blob.Properties.CopySource);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Rewritten or gone since we listed it: the next poll looks again.
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
