using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Scipion.Durable.Local;

namespace Scipion.Bench.Workflows;

/// <summary>
/// The baseline for the fan-out: the Durable Task Framework used directly (TaskHubWorker and TaskHubClient on its
/// Azure Storage provider, same Azurite, same provider settings as the local host), without the gRPC sidecar and the
/// Durable Task SDK worker the local host puts in front of it.
/// </summary>
public static class PlainFrameworkFanOut
{
    public static async Task<double> RunAsync(string connectionString, int count)
    {
        var options = new DurableTaskOptions
        {
            StorageConnectionString = connectionString,
            HubName = $"plain{Guid.NewGuid().ToString("N")[..8]}",
            WorkerId = "bench-plain",
        };
        var service = new AzureStorageOrchestrationService(AzureStorageServiceSettings.From(options, NullLoggerFactory.Instance));
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(typeof(FanOut));
        worker.AddTaskActivities(typeof(NoOp));
        await worker.StartAsync();
        try
        {
            var client = new TaskHubClient(service, loggerFactory: NullLoggerFactory.Instance);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var instance = await client.CreateOrchestrationInstanceAsync(typeof(FanOut), count);
            var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(10));
            var elapsed = clock.Elapsed.TotalSeconds;
            if (state?.OrchestrationStatus != OrchestrationStatus.Completed || state.Output != count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"plain fan-out ended {state?.OrchestrationStatus}: {state?.Output}");
            }

            return count / elapsed;
        }
        finally
        {
            await worker.StopAsync(isForced: true);
        }
    }

    public sealed class FanOut : TaskOrchestration<int, int>
    {
        public override async Task<int> RunTask(OrchestrationContext context, int input) =>
            (await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.ScheduleTask<int>(typeof(NoOp), i)))).Length;
    }

    public sealed class NoOp : TaskActivity<int, int>
    {
        protected override int Execute(TaskContext context, int input) => input;
    }
}
