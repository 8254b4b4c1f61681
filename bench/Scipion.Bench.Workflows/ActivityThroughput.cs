using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scipion.Durable.Local;
using Scipion.Testing;

namespace Scipion.Bench.Workflows;

/// <summary>
/// Fan-out of N no-op activities: ours (Durable Task Framework on Azure Storage, Azurite, through the local host's
/// sidecar) against the same framework used directly, and against the Durable Task SDK's in-memory test host, alternating
/// runs on the same machine. The in-memory host is no engine baseline: its dispatcher takes as many activities at once as
/// there are cores and, when full, looks again only every 500 ms (2 cores: 4 activities/s whatever the work).
/// </summary>
public static class ActivityThroughput
{
    public static async Task RunAsync(Azurite azurite, BenchOptions options)
    {
        // The in-memory host builds its sidecar with the default host builder, which logs every gRPC call to the
        // console at Information; ours logs at Warning. Its configuration reads environment variables, so this evens it.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // One unmeasured round first: JIT, task hub creation and connection pools are not what is being compared.
        await OnAzuriteAsync(azurite, 20, -1);
        await PlainFrameworkFanOut.RunAsync(azurite.ConnectionString, 20);
        await InMemoryAsync(20);
        var ours = new List<double>();
        var plain = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < options.Repeats; i++)
        {
            ours.Add(await OnAzuriteAsync(azurite, options.Activities, i));
            plain.Add(await PlainFrameworkFanOut.RunAsync(azurite.ConnectionString, options.Activities));
            baseline.Add(await InMemoryAsync(options.Activities));
        }

        Console.WriteLine($"activity throughput, fan-out of {options.Activities} no-op activities, {options.Repeats} runs each (median):");
        Console.WriteLine($"  ours, durable on Azurite:            {Stats.Median(ours),8:0.0} activities/s  (runs: {string.Join(", ", ours.Select(v => v.ToString("0.0")))})");
        Console.WriteLine($"  Durable Task Framework directly:     {Stats.Median(plain),8:0.0} activities/s  (runs: {string.Join(", ", plain.Select(v => v.ToString("0.0")))})");
        Console.WriteLine($"  Durable Task SDK in-memory host:     {Stats.Median(baseline),8:0.0} activities/s  (runs: {string.Join(", ", baseline.Select(v => v.ToString("0.0")))})");
        Console.WriteLine($"  ratio ours / framework directly:     {Stats.Median(ours) / Stats.Median(plain),8:0.00}");
        Console.WriteLine($"  ratio ours / in-memory:              {Stats.Median(ours) / Stats.Median(baseline),8:0.00}");
    }

    private static async Task<double> OnAzuriteAsync(Azurite azurite, int count, int run)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration[DurableTaskOptions.StorageConnectionStringKey] = azurite.ConnectionString;
        builder.Configuration["DurableTask:HubName"] = $"bench{Math.Max(run, 0)}{Guid.NewGuid().ToString("N")[..6]}";
        builder.AddLocalDurableTask(Register);
        await using var app = builder.Build();
        await app.StartAsync();
        var rate = await MeasureAsync(app.Services.GetRequiredService<DurableTaskClient>(), count);
        await app.StopAsync();
        return rate;
    }

    private static async Task<double> InMemoryAsync(int count)
    {
        await using var host = await DurableTaskTestHost.StartAsync(Register);
        return await MeasureAsync(host.Client, count);
    }

    private static async Task<double> MeasureAsync(DurableTaskClient client, int count)
    {
        var clock = Stopwatch.StartNew();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOut), count);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var state = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, limit.Token);
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed || state.ReadOutputAs<int>() != count)
        {
            throw new InvalidOperationException($"fan-out ended {state.RuntimeStatus}");
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<FanOut>();
        registry.AddActivity<NoOp>();
    }

    public sealed class FanOut : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int count) =>
            (await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(nameof(NoOp), i)))).Length;
    }

    public sealed class NoOp : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input);
    }
}
