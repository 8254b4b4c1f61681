using Scipion.Core.Compute.Sites;

namespace Scipion.SiteAgent;

/// <summary>
/// Where the agent takes job requests from and sends its reports to: Azure Storage queues (Azurite, small sites) or
/// Service Bus with a session per project (production). One request is handled at a time, and each is settled
/// exactly once: completed after its final report, abandoned for a retry, or rejected when it can never run.
/// </summary>
public interface ISiteTransport : IAsyncDisposable
{
    /// <summary>The next request, hidden from other agents until settled; null when there is none now.</summary>
    Task<SiteDelivery?> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Keeps a request hidden while its job runs (renews the lease or lock when it is half spent).</summary>
    Task KeepAsync(SiteDelivery delivery, CancellationToken cancellationToken);

    /// <summary>The request is done with (its final report sent): it is removed for good.</summary>
    Task CompleteAsync(SiteDelivery delivery, CancellationToken cancellationToken);

    /// <summary>A transient failure: the request comes back for another attempt no sooner than <paramref name="retryAfter"/>.</summary>
    Task AbandonAsync(SiteDelivery delivery, TimeSpan retryAfter, CancellationToken cancellationToken);

    /// <summary>The request can never run (unreadable, or out of attempts): set aside where an operator can see why.</summary>
    Task RejectAsync(SiteDelivery delivery, string reason, string description, CancellationToken cancellationToken);

    Task SendReportAsync(SiteJobReport report, SiteDelivery about, CancellationToken cancellationToken);
}

/// <summary>One received request; each transport keeps what it needs to settle it in a subclass.</summary>
public abstract class SiteDelivery
{
    public required string MessageId { get; init; }

    public required string Body { get; init; }

    /// <summary>How many times the request has been handed out, this time included.</summary>
    public required long DeliveryCount { get; init; }

    /// <summary>The project the request belongs to, where the transport says (Service Bus: the session id).</summary>
    public string? ProjectId { get; init; }
}
