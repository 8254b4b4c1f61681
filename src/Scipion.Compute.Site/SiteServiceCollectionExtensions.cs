using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scipion.Core;
using Scipion.Core.Compute;

namespace Scipion.Compute.Site;

public static class SiteServiceCollectionExtensions
{
    /// <summary>
    /// What takes in site reports (the <c>site-reports</c> queue trigger needs it in every deployment, so a stray
    /// report is recorded or ignored rather than poisoning the queue); needs project storage's table and queue clients.
    /// </summary>
    public static IServiceCollection AddSiteReports(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new SiteJobRecords(provider.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.SiteJobsTable)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, SiteStorageInitializer>());
        return services;
    }

    /// <summary>
    /// Registers the site backend as one of the <see cref="IComputeBackend"/>s under <see cref="SiteOptions.Name"/>,
    /// with its <see cref="SiteOptions.Section"/> settings validated when the host starts.
    /// </summary>
    public static IServiceCollection AddSiteCompute(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSiteReports();
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>());
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<SiteOptions>>().Value);
        services.TryAddSingleton<ISiteJobQueue, StorageSiteJobQueue>();
        services.AddSingleton<SiteFileUrls>();
        services.AddSingleton<SiteBackend>();
        services.AddSingleton<IComputeBackend>(provider => provider.GetRequiredService<SiteBackend>());
        return services;
    }
}
