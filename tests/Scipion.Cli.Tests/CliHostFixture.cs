using Azure.Storage.Blobs;
using Scipion.Testing;

namespace Scipion.Cli.Tests;

/// <summary>One Azurite and one local host for the CLI tests, driven over real HTTP.</summary>
public sealed class CliHostFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    /// <summary>A project's own container straight from storage, to check what the CLI claims against what is there.</summary>
    public BlobContainerClient Project(string projectId) =>
        new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(Scipion.Core.StorageNames.ProjectContainer(projectId));

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite);
        Api = new ApiClient(Host);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CliHostCollection : ICollectionFixture<CliHostFixture>
{
    public const string Name = "cli host";
}
