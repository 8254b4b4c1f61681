using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scipion.Core.Compute;

namespace Scipion.Compute.Slurm;

public static class SlurmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Slurm backend as one of the <see cref="IComputeBackend"/>s (the compute router picks per step),
    /// with its <see cref="SlurmOptions.Section"/> settings validated when the host starts.
    /// </summary>
    public static IServiceCollection AddSlurmCompute(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlurmOptions>()
            .Bind(configuration.GetSection(SlurmOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlurmOptions>, SlurmOptionsValidator>());
        services.AddSingleton<SlurmBackend>();
        services.AddSingleton<IComputeBackend>(provider => provider.GetRequiredService<SlurmBackend>());
        return services;
    }
}
