using Microsoft.DurableTask;

namespace Scipion.Durable.TestHost;

/// <summary>A sample that proves the wiring of both hosts: greets each name in turn and returns the greetings.</summary>
[DurableTask(nameof(GreetingOrchestrator))]
public sealed class GreetingOrchestrator : TaskOrchestrator<IReadOnlyList<string>, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskOrchestrationContext context, IReadOnlyList<string> names)
    {
        var greetings = new List<string>();
        foreach (var name in names)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(GreetActivity), name));
        }

        return greetings;
    }
}
