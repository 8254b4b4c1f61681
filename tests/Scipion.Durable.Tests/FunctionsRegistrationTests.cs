using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scipion.Workflows;
using Scipion.Workflows.Runs;
using Xunit;

namespace Scipion.Durable.Tests;

/// <summary>
/// The Functions app registers the shared task list the way functions/Program.cs does. Those functions never appear in
/// functions.metadata on disk: the Durable extension adds them when the host asks the worker for its functions (worker
/// indexing), which is what this reproduces without a Functions host.
/// </summary>
public sealed class FunctionsRegistrationTests
{
    [Fact]
    public void The_Functions_worker_turns_the_run_orchestrator_and_its_activities_into_orchestration_and_activity_triggers()
    {
        using var host = new HostBuilder()
            .ConfigureFunctionsWorkerDefaults(worker =>
            {
                // In the app the Functions SDK's generated startup calls this; here there is no generated code.
                worker.ConfigureDurableExtension();
                worker.ConfigureDurableWorker().AddTasks(WorkflowTasks.Register);
            })
            .Build();

        var functions = new List<IFunctionMetadata>();
        foreach (var transformer in host.Services.GetServices<IFunctionMetadataTransformer>())
        {
            transformer.Transform(functions);
        }

        var triggers = functions.ToDictionary(f => f.Name!, f => string.Join(" ", f.RawBindings ?? []));
        Assert.Contains("\"orchestrationTrigger\"", triggers[nameof(RunOrchestrator)]);
        foreach (var activity in new[] { nameof(PrepareRunActivity), nameof(StartStepActivity), nameof(PollStepActivity), nameof(CancelStepActivity), nameof(FinishRunActivity), nameof(ReconcileMoviesActivity) })
        {
            Assert.Contains("\"activityTrigger\"", triggers[activity]);
        }
    }
}
