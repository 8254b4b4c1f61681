using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Scipion.Durable.TestHost;
using Xunit;

namespace Scipion.Durable.Tests;

public sealed class FanOutTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_orchestration_fanning_out_activities_completes_with_their_combined_result_and_its_history_is_in_Azurite_tables()
    {
        const int n = 20;
        var hub = AzuriteFixture.NewHubName();
        await using var app = InProcessHost.Build(InProcessHost.Settings(fixture.Azurite.ConnectionString, hub));
        await app.StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), n);
        using var timeout = new CancellationTokenSource(Patience);
        var state = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, n).Sum(i => i * i), state.ReadOutputAs<int>());

        var history = new TableClient(fixture.Azurite.ConnectionString, $"{hub}History")
            .QueryAsync<TableEntity>(e => e.PartitionKey == instanceId);
        var eventTypes = new List<string>();
        await foreach (var row in history)
        {
            eventTypes.Add(row.GetString("EventType"));
        }

        Assert.Equal(n, eventTypes.Count(t => t == "TaskScheduled"));
        Assert.Equal(n, eventTypes.Count(t => t == "TaskCompleted"));
        Assert.Contains("ExecutionCompleted", eventTypes);

        var instance = await new TableClient(fixture.Azurite.ConnectionString, $"{hub}Instances")
            .GetEntityAsync<TableEntity>(instanceId, string.Empty);
        Assert.Equal("Completed", instance.Value.GetString("RuntimeStatus"));

        await app.StopAsync();
    }

    [Fact]
    public async Task A_class_based_workflow_runs_unchanged_in_the_local_host()
    {
        await using var app = InProcessHost.Build(InProcessHost.Settings(fixture.Azurite.ConnectionString, AzuriteFixture.NewHubName()));
        await app.StartAsync();
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new[] { "Ada", "Rosalind" });
        using var timeout = new CancellationTokenSource(Patience);
        var state = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(new[] { "Hello, Ada!", "Hello, Rosalind!" }, state.ReadOutputAs<string[]>());

        await app.StopAsync();
    }
}
