using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Scipion.Compute.Site;
using Scipion.Core;
using Scipion.Storage;
using Scipion.Testing;
using Xunit;

namespace Scipion.Slurm.Tests;

/// <summary>One Azurite with the platform's site pieces over it: the queues, the job status table and a site backend.</summary>
public sealed class SiteStorage : IAsyncLifetime
{
    private static readonly QueueClientOptions Base64 = new() { MessageEncoding = QueueMessageEncoding.Base64 };

    private Azurite? _azurite;

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The project's own container (<c>p-{projectId}</c>), made on first use as project creation would.</summary>
    public BlobContainerClient Project(string projectId)
    {
        var container = Blobs.GetBlobContainerClient(StorageNames.ProjectContainer(projectId));
        container.CreateIfNotExists();
        return container;
    }

    public SiteJobRecords Records { get; private set; } = null!;

    public QueueClient Jobs { get; private set; } = null!;

    public QueueClient Cancels { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        var tables = new TableServiceClient(Azurite.ConnectionString);
        var queues = new QueueServiceClient(Azurite.ConnectionString, Base64);
        await new SiteStorageInitializer(tables, queues, Options.Create(new SiteOptions())).StartAsync(CancellationToken.None);
        Records = new SiteJobRecords(tables.GetTableClient(StorageNames.SiteJobsTable));
        Jobs = queues.GetQueueClient(StorageNames.SiteJobsQueue);
        Cancels = queues.GetQueueClient(StorageNames.SiteCancelsQueue);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>The backend as the platform registers it, on these queues and this table.</summary>
    public SiteBackend Backend()
    {
        var options = new SiteOptions { Name = "facility" };
        var queues = new QueueServiceClient(Azurite.ConnectionString, Base64);
        var urls = new SiteFileUrls(Blobs, new BlobSasSigner(Blobs, TimeProvider.System), options, Options.Create(new SignedUrlOptions()), TimeProvider.System);
        return new SiteBackend(options, Records, new StorageSiteJobQueue(queues, options), urls, TimeProvider.System);
    }
}
