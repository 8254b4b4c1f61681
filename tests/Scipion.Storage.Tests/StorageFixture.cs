using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Scipion.Testing;
using Xunit;

namespace Scipion.Storage.Tests;

/// <summary>One real Azurite for the whole run, with the platform's queue and tables made as the hosts make them.</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private Azurite? _azurite;

    public TableServiceClient Tables { get; private set; } = null!;

    public BlobServiceClient Blobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        var connection = _azurite.ConnectionString;
        Tables = new TableServiceClient(connection);
        Blobs = new BlobServiceClient(connection);
        await new StorageInitializer(new QueueServiceClient(connection), Tables).StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<StorageFixture>
{
    public const string Name = "storage";
}
