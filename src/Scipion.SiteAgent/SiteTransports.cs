using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Scipion.SiteAgent;

/// <summary>Builds the transport the validated options choose.</summary>
public static class SiteTransports
{
    public static ISiteTransport Create(SiteAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Transport != SiteTransportKind.ServiceBus)
        {
            return new StorageQueueTransport(options);
        }

        var bus = options.ServiceBus;
        var client = new ServiceBusClient(bus.FullyQualifiedNamespace, new DefaultAzureCredential(), new ServiceBusClientOptions
        {
            TransportType = bus.UseWebSockets ? ServiceBusTransportType.AmqpWebSockets : ServiceBusTransportType.AmqpTcp,
        });
        return new ServiceBusTransport(client, bus, options.Lease, receiveWait: options.PollInterval);
    }

    /// <summary>The platform's cancels: on the site-cancels storage queue beside storage-queue transport; none yet over Service Bus.</summary>
    public static SiteCancels? Cancels(SiteAgentOptions options, Microsoft.Extensions.Logging.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Transport == SiteTransportKind.ServiceBus ? null : new SiteCancels(SiteQueues.Cancels(options), options.WorkRoot, logger);
    }
}
