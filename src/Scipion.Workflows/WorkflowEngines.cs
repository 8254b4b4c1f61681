using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Scipion.Core.Runs;

namespace Scipion.Workflows;

/// <summary>Makes the workflow engine over the durable client a function was given (a binding, so it is per call).</summary>
public sealed class WorkflowEngines(IOptions<WorkflowOptions> options)
{
    public IWorkflowEngine For(DurableTaskClient client) => new DurableWorkflowEngine(client, options.Value);
}
