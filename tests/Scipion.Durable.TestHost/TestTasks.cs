using Microsoft.DurableTask;
using Scipion.Workflows;

namespace Scipion.Durable.TestHost;

public static class TestTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        WorkflowTasks.Register(registry);
        registry.AddOrchestrator<GreetingOrchestrator>();
        registry.AddActivity<GreetActivity>();
        registry.AddOrchestrator<FanOutOrchestrator>();
        registry.AddActivity<SquareActivity>();
        registry.AddOrchestrator<RecordedSequenceOrchestrator>();
        registry.AddActivity<RecordedStepActivity>();
    }
}
