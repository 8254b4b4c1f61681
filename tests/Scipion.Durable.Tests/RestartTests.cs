using Microsoft.DurableTask.Client;
using Scipion.Durable.TestHost;
using Xunit;

namespace Scipion.Durable.Tests;

public sealed class RestartTests(AzuriteFixture fixture) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly DirectoryInfo _records = Directory.CreateTempSubdirectory("durable-records-");

    [Fact]
    public async Task An_orchestration_interrupted_by_killing_its_host_completes_on_a_new_host_rerunning_only_the_interrupted_activity()
    {
        var hub = AzuriteFixture.NewHubName();
        const string workerId = "local-host";
        string instanceId;

        await using (var first = await ChildHost.StartAsync(fixture.Azurite.ConnectionString, hub, workerId))
        {
            instanceId = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RecordedSequenceOrchestrator), _records.FullName);
            await WaitUntilAsync(() => Executions("second") == 1, "the second step to start", first);
            await first.KillAsync();
        }

        // Released only now: the interrupted execution never finished, the re-run on the new host returns at once.
        await File.WriteAllTextAsync(Path.Combine(_records.FullName, RecordedStepActivity.ReleaseFileName), string.Empty);

        await using var second = await ChildHost.StartAsync(fixture.Azurite.ConnectionString, hub, workerId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        OrchestrationMetadata state;
        try
        {
            state = await second.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"The orchestration did not complete on the new host. Its output:\n{second.Output}", e);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("first,second,third", state.ReadOutputAs<string>());
        Assert.Equal(1, Executions("first"));
        Assert.Equal(2, Executions("second"));
        Assert.Equal(1, Executions("third"));
    }

    public void Dispose() => _records.Delete(recursive: true);

    private int Executions(string step) =>
        _records.GetFiles(RecordedStepActivity.ExecutionFilePattern(step)).Length;

    private static async Task WaitUntilAsync(Func<bool> condition, string what, ChildHost host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}. The host's output:\n{host.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
