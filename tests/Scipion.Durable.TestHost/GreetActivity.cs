using Microsoft.DurableTask;

namespace Scipion.Durable.TestHost;

[DurableTask(nameof(GreetActivity))]
public sealed class GreetActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string name) => Task.FromResult($"Hello, {name}!");
}
