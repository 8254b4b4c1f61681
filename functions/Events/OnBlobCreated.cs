using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Scipion.Core;
using Scipion.Core.Events;
using Scipion.Workflows;

namespace Scipion.Functions.Events;

/// <summary>Upload completion: Event Grid puts BlobCreated events on the queue (the local host does the same for Azurite).</summary>
public sealed class OnBlobCreated(UploadEventService uploads, WorkflowEngines engines, ILogger<OnBlobCreated> logger)
{
    public const string Connection = "ProjectStorage";

    [Function(nameof(OnBlobCreated))]
    public async Task Run([QueueTrigger(StorageNames.BlobCreatedQueue, Connection = Connection)] string message,
        [DurableClient] DurableTaskClient durable,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<BlobCreated> events;
        try
        {
            events = EventGridBlobCreated.Parse(message);
        }
        catch (JsonException e)
        {
            // Retrying cannot make malformed JSON valid; say so once instead of poisoning the queue.
            logger.LogWarning(e, "Ignored a blob-created message that is not JSON: {Message}", message.Length > 200 ? message[..200] : message);
            return;
        }

        foreach (var upload in events)
        {
            var notified = await uploads.HandleAsync(engines.For(durable), upload, cancellationToken);
            logger.LogInformation("Upload {Project}/{Path} ({ETag}) reached {Runs} streaming run(s)", upload.ProjectId, upload.Path, upload.ETag, notified);
        }
    }
}
