using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scipion.Core;

namespace Scipion.Compute.Site;

/// <summary>Creates the site queues and the job status table when missing (the Bicep makes them in Azure; Azurite starts empty).</summary>
public sealed class SiteStorageInitializer(TableServiceClient tables, QueueServiceClient queues, IOptions<SiteOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.CreateTableIfNotExistsAsync(StorageNames.SiteJobsTable, cancellationToken);
        foreach (string queue in new[] { StorageNames.SiteReportsQueue, options.Value.JobsQueue, options.Value.CancelsQueue }.Distinct())
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
