using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scipion.Core.Compute;
using Scipion.Core.Projects;
using Scipion.Core.Runs;

namespace Scipion.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Project metadata in Tables, project folders in Blob Storage, clients from Microsoft.Extensions.Azure.</summary>
    public static IServiceCollection AddProjectStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ProjectStorageSettings.From(configuration);
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(new DefaultAzureCredential());
            if (settings.ConnectionString is { } connection)
            {
                clients.AddBlobServiceClient(connection);
                clients.AddQueueServiceClient(connection).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddTableServiceClient(connection);
            }
            else
            {
                clients.AddBlobServiceClient(settings.BlobServiceUri!);
                clients.AddQueueServiceClient(settings.QueueServiceUri!).ConfigureOptions(o => o.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddTableServiceClient(settings.TableServiceUri!);
            }
        });

        services.AddOptions<SignedUrlOptions>()
            .Bind(configuration.GetSection(SignedUrlOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<BlobSasSigner>();
        services.AddSingleton<IProjectFolder, BlobProjectFolder>();
        services.AddSingleton<IJobFileUrls, BlobJobFileUrls>();
        services.AddSingleton<IProjectRepository, TableProjectRepository>();
        services.AddSingleton<IRunRepository, TableRunRepository>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
