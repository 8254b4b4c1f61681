using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scipion.Compute.AzureBatch;
using Scipion.Compute.Local;
using Scipion.Compute.Site;
using Scipion.Compute.Slurm;
using Scipion.Core.Compute;
using Scipion.Core.Events;
using Scipion.Core.Files;
using Scipion.Core.Runs;
using Scipion.Workflows;
using Scipion.Core.Projects;
using Scipion.Functions.Http;
using Scipion.Functions.Identity;
using Scipion.Storage;

namespace Scipion.Functions;

public static class ApiServiceCollectionExtensions
{
    /// <summary>Everything the functions need, registered the same way by the Functions app and the local host.</summary>
    public static IServiceCollection AddScipionApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddProjectStorage(configuration);
        services.AddScipionIdentity(configuration, environment);
        services.AddSingleton<ProjectService>();
        services.AddSingleton<FileService>();
        services.AddSingleton<ApiEndpoint>();
        services.AddSingleton<RunService>();
        services.AddSingleton<UploadEventService>();
        services.AddScipionWorkflows(configuration);
        services.AddSingleton<IComputeBackend>(provider => new LocalProcessBackend(new LocalBackendOptions
        {
            StateDirectory = Path.Combine(provider.GetRequiredService<IOptions<WorkflowOptions>>().Value.WorkRoot, ".jobs"),
        }));

        // Further backends only where their section is configured; the router picks among them by name, per step and per run.
        if (configuration.GetSection(SlurmOptions.Section).Exists())
        {
            services.AddSlurmCompute(configuration);
        }

        if (configuration.GetSection(BatchOptions.Section).Exists())
        {
            services.AddAzureBatchBackend(configuration);
        }

        // Site reports are taken in everywhere (the queue trigger is part of every deployment); the site backend only
        // where a site is configured.
        services.AddSiteReports();
        if (configuration.GetSection(SiteOptions.Section).Exists())
        {
            services.AddSiteCompute(configuration);
        }

        return services;
    }
}
