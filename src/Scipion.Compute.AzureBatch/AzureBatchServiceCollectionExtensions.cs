using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute;

namespace Scipion.Compute.AzureBatch;

public static class AzureBatchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AzureBatchBackend"/> as the <see cref="IComputeBackend"/>, with <see cref="BatchOptions"/>
    /// bound from section <c>Batch</c> and validated at start. Requests authenticate with
    /// <see cref="DefaultAzureCredential"/> (the Function app's system-assigned identity in Azure) unless a credential is given.
    /// </summary>
    public static IServiceCollection AddAzureBatchBackend(this IServiceCollection services, IConfiguration configuration, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BatchOptions>()
            .Bind(configuration.GetSection(BatchOptions.Section))
            .PostConfigure(options =>
            {
                // Working directories come from the run workspace, so its root is the default mapping root.
                if (configuration[$"{BatchOptions.Section}:{nameof(BatchOptions.WorkRoot)}"] is null
                    && configuration["Workflows:WorkRoot"] is { Length: > 0 } workRoot)
                {
                    options.WorkRoot = workRoot;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BatchOptions>, BatchOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<BatchOptions>>().Value;
            var pipeline = BatchPipeline.Create(options, credential ?? new DefaultAzureCredential(), clock: provider.GetService<TimeProvider>());
            return new AzureBatchBackend(pipeline, options, provider.GetService<IJobFileUrls>());
        });
        services.AddSingleton<IComputeBackend>(provider => provider.GetRequiredService<AzureBatchBackend>());
        return services;
    }
}
