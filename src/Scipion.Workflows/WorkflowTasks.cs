using Microsoft.DurableTask;
using Scipion.Workflows.Runs;

namespace Scipion.Workflows;

/// <summary>
/// The one list of orchestrators and activities. Both hosts call it: the Functions app through
/// <c>ConfigureDurableWorker().AddTasks(WorkflowTasks.Register)</c>, the local host through
/// <c>AddLocalDurableTask(WorkflowTasks.Register)</c>, so a class added here runs in both.
/// </summary>
public static class WorkflowTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<RunOrchestrator>();
        registry.AddActivity<PrepareRunActivity>();
        registry.AddActivity<StartStepActivity>();
        registry.AddActivity<PollStepActivity>();
        registry.AddActivity<CancelStepActivity>();
        registry.AddActivity<FinishRunActivity>();
        registry.AddActivity<ReconcileMoviesActivity>();
    }
}
