using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Scipion.Core.Compute;
using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// The platform's cancels, taken off the site-cancels queue and kept as marker files under the work root
/// (<c>.canceled/{jobId}</c>). A cancel may arrive before any agent took the job, or be taken by another agent of the
/// site than the one running it; markers on the shared work root reach every agent and outlive a restart.
/// </summary>
public sealed class SiteCancels(QueueClient queue, string workRoot, ILogger logger)
{
    private readonly string _folder = Path.Combine(workRoot, ".canceled");

    /// <summary>Takes every waiting cancel off the queue into a marker.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                if (TryRead(message.MessageText, out var id))
                {
                    Directory.CreateDirectory(_folder);
                    await File.WriteAllTextAsync(Path.Combine(_folder, id.Value), message.MessageText, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    logger.LogError("Dropped site cancel message {MessageId}: it is not a SiteJobCancel.", message.MessageId);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public bool IsCanceled(JobId id) => File.Exists(Path.Combine(_folder, id.Value));

    /// <summary>Forgets a cancel once the job's final report is out.</summary>
    public void Forget(JobId id)
    {
        // File.Delete tolerates a missing file but not a missing folder, and most jobs are never canceled.
        if (IsCanceled(id))
        {
            File.Delete(Path.Combine(_folder, id.Value));
        }
    }

    // The job id becomes a file name: only ids the platform could have made are taken.
    private static bool TryRead(string text, out JobId id)
    {
        id = default;
        try
        {
            return JobId.TryParse(SiteMessages.Deserialize<SiteJobCancel>(text).JobId, out id);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
