using Scipion.Bench.Workflows;
using Scipion.Testing;

// Benchmarks, not tests: each prints its figures and, where there is a baseline, the ratio measured side by side.
// Usage: dotnet run -c Release --project bench/Scipion.Bench.Workflows [-- --movies 100 --activities 500 --repeats 3 --only throughput|alignment|latency]
// Held load (only when asked for): -- --only load [--duration 3m] [--users 20] [--movies-per-second 2]
var options = BenchOptions.Parse(args);
await using var azurite = await Azurite.StartAsync();
Console.WriteLine($"Scipion.Functions workflow benchmarks, {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");

if (options.Runs("throughput"))
{
    await ActivityThroughput.RunAsync(azurite, options);
}

if (options.Runs("alignment"))
{
    await AlignmentOverhead.RunAsync(azurite, options);
}

if (options.Runs("latency"))
{
    await EventLatency.RunAsync(azurite, options);
}

if (options.Runs("load"))
{
    await LoadBenchmark.RunAsync(azurite, options);
}
