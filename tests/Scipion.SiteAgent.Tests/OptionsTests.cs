namespace Scipion.SiteAgent.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_service_bus_transport_needs_the_namespace_host_name()
    {
        var options = new SiteAgentOptions { Transport = SiteTransportKind.ServiceBus, ServiceBus = { FullyQualifiedNamespace = "https://sb-abc.servicebus.windows.net/" } };

        var result = new SiteAgentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("SiteAgent:ServiceBus:FullyQualifiedNamespace", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_bus_transport_needs_no_storage_queue_urls()
    {
        var options = new SiteAgentOptions { Transport = SiteTransportKind.ServiceBus, ServiceBus = { FullyQualifiedNamespace = "sb-abc.servicebus.windows.net" } };

        Assert.True(new SiteAgentOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_lease_longer_than_a_service_bus_lock_can_last_is_refused()
    {
        var options = new SiteAgentOptions
        {
            Transport = SiteTransportKind.ServiceBus,
            ServiceBus = { FullyQualifiedNamespace = "sb-abc.servicebus.windows.net" },
            Lease = TimeSpan.FromMinutes(10),
        };

        var result = new SiteAgentOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("at most 5 minutes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_storage_queue_transport_is_the_default_and_still_needs_its_queues()
    {
        var result = new SiteAgentOptionsValidator().Validate(null, new SiteAgentOptions());

        Assert.True(result.Failed);
        Assert.Contains("JobsQueueUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_transport_is_the_one_built()
    {
        var storage = SiteTransports.Create(new SiteAgentOptions { ConnectionString = "UseDevelopmentStorage=true" });
        var bus = SiteTransports.Create(new SiteAgentOptions { Transport = SiteTransportKind.ServiceBus, ServiceBus = { FullyQualifiedNamespace = "sb-abc.servicebus.windows.net" } });

        Assert.IsType<StorageQueueTransport>(storage);
        Assert.IsType<ServiceBusTransport>(bus);
    }
}
