using Scipion.Cli.Config;

namespace Scipion.Cli.Api;

/// <summary>HTTP clients for the API (no automatic redirects: a download's 302 is the answer) and for storage.</summary>
public sealed class ClientFactory(CliContext context)
{
    private static readonly TimeSpan ApiTimeout = TimeSpan.FromSeconds(100);

    public CliConfig Config { get; } = new ConfigStore(context).Load();

    public ScipionClient Api(string? hostOverride = null, string? tokenOverride = null)
    {
        var host = hostOverride ?? Config.Host ?? ConfigStore.DefaultHost;
        var handler = context.ApiHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        var http = new HttpClient(handler, disposeHandler: context.ApiHandler is null)
        {
            BaseAddress = new Uri(host.EndsWith('/') ? host : host + "/"),
            Timeout = ApiTimeout,
        };
        return new ScipionClient(http, tokenOverride ?? Config.Token);
    }

    /// <summary>Storage requests carry their own timeout per block, so the client's is off.</summary>
    public HttpClient Storage()
    {
        var handler = context.StorageHandler ?? new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        return new HttpClient(handler, disposeHandler: context.StorageHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
