using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Scipion.Core;

namespace Scipion.Storage;

/// <summary>
/// Creates the queue and tables when missing. In Azure the Bicep already made them and this is a no-op; locally it
/// is what makes a fresh Azurite usable. Blob containers are the projects' own, made when a project is created.
/// </summary>
public sealed class StorageInitializer(QueueServiceClient queues, TableServiceClient tables) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await queues.GetQueueClient(StorageNames.BlobCreatedQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await tables.CreateTableIfNotExistsAsync(StorageNames.ProjectsTable, cancellationToken);
        await tables.CreateTableIfNotExistsAsync(StorageNames.MembershipsTable, cancellationToken);
        await tables.CreateTableIfNotExistsAsync(StorageNames.RunsTable, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
