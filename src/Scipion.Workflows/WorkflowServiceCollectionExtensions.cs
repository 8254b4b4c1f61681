using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scipion.Core.Tools;
using Scipion.Workflows.Runs;

namespace Scipion.Workflows;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>What the run activities need besides a compute backend (<see cref="Scipion.Core.Compute.IComputeBackend"/>), which the host chooses.</summary>
    public static IServiceCollection AddScipionWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(_ => new ToolCatalog());
        services.AddSingleton<RunWorkspace>();
        services.AddSingleton<StepTracker>();
        return services;
    }
}
