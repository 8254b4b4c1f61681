using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Builder;
using Scipion.Core;
using Scipion.LocalHost;
using Scipion.Testing;

namespace Scipion.Api.Tests;

/// <summary>One Azurite and one local host (over real HTTP on loopback) for the whole run.</summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public Azurite Azurite { get; private set; } = null!;

    public LocalHostInstance Host { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        Host = await LocalHostInstance.StartAsync(Azurite);
        Api = new Api(Host);
    }

    /// <summary>Every blob in the projects container whose name starts with the project's prefix, read straight from storage.</summary>
    public async Task<IReadOnlyList<string>> ProjectBlobsAsync(string projectId) =>
        (await AllBlobsAsync()).Where(name => name.StartsWith(projectId + "/", StringComparison.Ordinal)).ToList();

    public async Task<IReadOnlyList<string>> AllBlobsAsync()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient(StorageNames.ProjectsContainer);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, default))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

public sealed class LocalHostInstance : IAsyncDisposable
{
    private LocalHostInstance(WebApplication app, Uri baseAddress, string signingKey)
    {
        App = app;
        BaseAddress = baseAddress;
        SigningKey = signingKey;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>The development key this host trusts, so tests can mint tokens the issuer route never would (expired, wrong audience).</summary>
    public string SigningKey { get; }

    public static async Task<LocalHostInstance> StartAsync(Azurite azurite, string environment = "Development", params string[] extraSettings)
    {
        var port = FreePort.Next();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--ProjectStorage={azurite.ConnectionString}",
            .. environment == "Development" ? [$"--DevelopmentIdentity:SigningKey={signingKey}"] : Array.Empty<string>(),
            "--Logging:LogLevel:Default=Warning",
            .. extraSettings,
        ];
        var app = LocalHostApp.Create(args, environment: environment);
        await app.StartAsync();
        return new LocalHostInstance(app, new Uri($"http://127.0.0.1:{port}/"), signingKey);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}
