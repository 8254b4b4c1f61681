using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Scipion.Core;
using Scipion.LocalHost;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>
/// One Azurite and one local host (over real HTTP on loopback) for the whole run. Its runs' steps go to the
/// backend <see cref="Backend"/> names: the default, local processes, here; <see cref="SlurmHostFixture"/> puts them on Slurm.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    /// <summary>The backend (<c>Compute:Default</c>) every step of this fixture's runs goes to.</summary>
    public virtual string Backend => "local";

    /// <summary>
    /// The settings (<c>--Key=value</c>) that send a host's steps to <see cref="Backend"/>, for this fixture's host and
    /// for any other host a test starts, such as one it kills.
    /// </summary>
    public virtual IReadOnlyList<string> ComputeSettings(string workRoot) => [];

    public virtual async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        string workRoot = Directory.CreateTempSubdirectory("host-work-").FullName;
        Host = await LocalHostInstance.StartAsync(Azurite, "Development", [$"--Workflows:WorkRoot={workRoot}", .. ComputeSettings(workRoot)]);
        Api = new ApiClient(Host);
    }

    /// <summary>Every blob in the project's own container (<c>p-{projectId}</c>), read straight from storage; none when it has no container.</summary>
    public async Task<IReadOnlyList<string>> ProjectBlobsAsync(string projectId)
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(StorageNames.ProjectContainer(projectId));
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Every blob of every project container, as <c>p-{projectId}/{path}</c>.</summary>
    public async Task<IReadOnlyList<string>> AllBlobsAsync()
    {
        var service = new BlobServiceClient(Azurite.ConnectionString);
        var names = new List<string>();
        await foreach (var container in service.GetBlobContainersAsync(BlobContainerTraits.None, BlobContainerStates.None, StorageNames.ProjectContainerPrefix))
        {
            await foreach (var blob in service.GetBlobContainerClient(container.Name).GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
            {
                names.Add($"{container.Name}/{blob.Name}");
            }
        }

        return names;
    }

    /// <summary>Whether the project's own container exists in storage.</summary>
    public async Task<bool> ProjectContainerExistsAsync(string projectId) =>
        await new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(StorageNames.ProjectContainer(projectId)).ExistsAsync();

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}
