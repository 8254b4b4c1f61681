using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute;
using Scipion.Core.Tools;
using Scipion.Workflows.Runs;

namespace Scipion.Workflows;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// What the run activities need besides the compute backends (<see cref="IComputeBackend"/>s), which the host
    /// registers; <see cref="ComputeRouter"/> picks among them per step (<see cref="ComputeOptions.Section"/>).
    /// </summary>
    public static IServiceCollection AddScipionWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ComputeOptions>().Bind(configuration.GetSection(ComputeOptions.Section));
        services.AddSingleton(provider => new ComputeRouter(
            provider.GetServices<IComputeBackend>(), provider.GetRequiredService<IOptions<ComputeOptions>>().Value));
        services.AddSingleton(_ => new ToolCatalog());
        services.AddSingleton<RunWorkspace>();
        services.AddSingleton<Core.Projects.IProjectScratch, ProjectScratch>();
        services.AddSingleton<WorkflowEngines>();
        services.AddSingleton<StepTracker>();
        return services;
    }
}
