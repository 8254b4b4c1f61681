using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Scipion.Core;
using Scipion.Core.Events;
using Scipion.Workflows;

namespace Scipion.Functions.Events;

/// <summary>
/// Upload completion: Event Grid puts BlobCreated events on the queue (the local host does the same for Azurite).
/// A message that is not events throws, so it ends in the poison queue after host.json's maxDequeueCount tries; an
/// event for a container that is no project's, or for a deleted project, is read and ignored.
/// </summary>
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
            BlobEventShape.EnsureEvents(message);
            events = EventGridBlobCreated.Parse(message);
        }
        catch (Exception e) when (e is UnreadableMessageException or JsonException or InvalidOperationException)
        {
            // Retrying cannot make it readable, but throwing lets the host's retries run out and move it to the
            // poison queue (blob-created-poison) where it can be looked at; the queue itself goes on meanwhile.
            logger.LogError(e, "Unreadable blob-created message, left to the poison queue: {Message}", BlobEventShape.Head(message));
            throw e as UnreadableMessageException ?? new UnreadableMessageException(e.Message, e);
        }

        if (events.Count == 0)
        {
            // Events, but none for a project's container (or not BlobCreated): nothing to do, and nothing wrong.
            logger.LogInformation("A blob-created message named no project's blob: ignored");
        }

        foreach (var upload in events)
        {
            var notified = await uploads.HandleAsync(engines.For(durable), upload, cancellationToken);
            logger.LogInformation("Upload {Project}/{Path} ({ETag}) reached {Runs} streaming run(s)", upload.ProjectId, upload.Path, upload.ETag, notified);
        }
    }
}
