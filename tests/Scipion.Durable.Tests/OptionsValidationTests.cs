using Microsoft.Extensions.Options;
using Scipion.Durable.Local;
using Xunit;

namespace Scipion.Durable.Tests;

/// <summary>A misconfigured local host stops at start with the setting named, before it touches storage.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public async Task A_host_without_a_storage_connection_string_refuses_to_start()
    {
        var settings = InProcessHost.Settings("unused", "scipion");
        settings.Remove(DurableTaskOptions.StorageConnectionStringKey);
        await using var app = InProcessHost.Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(DurableTaskOptions.StorageConnectionStringKey, error.Message);
    }

    [Fact]
    public async Task A_host_with_a_task_hub_name_that_Azure_Storage_would_reject_refuses_to_start()
    {
        await using var app = InProcessHost.Build(InProcessHost.Settings("UseDevelopmentStorage=true", "no-dashes-allowed"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("HubName", error.Message);
    }
}
