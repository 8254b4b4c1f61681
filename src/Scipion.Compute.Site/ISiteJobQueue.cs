using Scipion.Core.Compute.Sites;

namespace Scipion.Compute.Site;

/// <summary>
/// How job requests and cancels reach a site's agent. Storage queues here (Azurite, small sites); a Service Bus
/// implementation (a session per run, so one agent takes a run's steps in order) plugs in behind the same two calls.
/// </summary>
public interface ISiteJobQueue
{
    Task SendAsync(SiteJobRequest request, CancellationToken cancellationToken);

    Task SendAsync(SiteJobCancel cancel, CancellationToken cancellationToken);
}
