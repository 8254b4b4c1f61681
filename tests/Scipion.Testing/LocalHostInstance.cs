using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Scipion.LocalHost;

namespace Scipion.Testing;

/// <summary>A local host started in this process on a free loopback port, against a given Azurite.</summary>
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

    public static Task<LocalHostInstance> StartAsync(Azurite azurite, string environment = "Development", params string[] extraSettings) =>
        StartAsync(azurite, environment, configure: null, extraSettings);

    /// <summary>The same, with the host's builder handed to <paramref name="configure"/> before it is built (extra services, such as a compute backend of the caller's).</summary>
    public static async Task<LocalHostInstance> StartAsync(Azurite azurite, string environment, Action<WebApplicationBuilder>? configure, params string[] extraSettings)
    {
        var port = FreePort.Next();
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--ProjectStorage={azurite.ConnectionString}",
            .. environment == "Development" ? [$"--DevelopmentIdentity:SigningKey={signingKey}"] : Array.Empty<string>(),
            "--Logging:LogLevel:Default=Warning",

            // A task hub of its own: two hosts on one Azurite would otherwise share a hub under one worker id (the
            // machine name), each renewing the partition the other tries to release when it stops.
            $"--DurableTask:HubName=h{Guid.NewGuid():N}",
            .. extraSettings,
        ];
        var app = LocalHostApp.Create(args, configure, environment);
        await app.StartAsync();
        return new LocalHostInstance(app, new Uri($"http://127.0.0.1:{port}/"), signingKey);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
