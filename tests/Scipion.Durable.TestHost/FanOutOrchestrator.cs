using Microsoft.DurableTask;

namespace Scipion.Durable.TestHost;

/// <summary>Squares 1..n in parallel activities and returns the sum of the squares.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int n)
    {
        var squares = Enumerable.Range(1, n).Select(i => context.CallActivityAsync<int>(nameof(SquareActivity), i));
        return (await Task.WhenAll(squares)).Sum();
    }
}

public sealed class SquareActivity : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int value) => Task.FromResult(value * value);
}
