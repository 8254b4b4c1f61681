using Azure.Storage.Blobs;

namespace Scipion.Api.Tests.Hostile;

/// <summary>
/// An Azurite and a local host of their own (the <see cref="LocalHostFixture"/> setup), so that the storage audit at the
/// end of the hostile suite sees only what the suite's own users did, and the containers the platform made before any
/// of them called.
/// </summary>
public sealed class HostileHostFixture : LocalHostFixture
{
    /// <summary>The containers that existed once the host was up: the platform's own (task hub, queues' companions).</summary>
    public IReadOnlySet<string> PlatformContainers { get; private set; } = new HashSet<string>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var container in new BlobServiceClient(Azurite.ConnectionString).GetBlobContainersAsync())
        {
            names.Add(container.Name);
        }

        PlatformContainers = names;
    }
}

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileHostFixture>
{
    public const string Name = "hostile local host";
}
