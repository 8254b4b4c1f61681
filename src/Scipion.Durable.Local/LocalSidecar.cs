// The only file that touches the preview package (Microsoft.DurableTask.InProcessTestHost, pinned) and DurableTask.Core:
// if the sidecar's API moves, this is what changes.
using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
// Aliases, not a namespace import: DurableTask.Core has its own TaskActivity and TaskOrchestration types.
using CoreOrchestrationService = DurableTask.Core.IOrchestrationService;
using CoreOrchestrationServiceClient = DurableTask.Core.IOrchestrationServiceClient;

namespace Scipion.Durable.Local;

/// <summary>
/// The gRPC sidecar that serves the DurableTask worker and client from DurableTask.Core's Azure Storage backend. It runs
/// in a private web host on its own loopback HTTP/2 port: listening there from the application's Kestrel would replace
/// the application's own URLs (explicit Kestrel endpoints override them) and put gRPC behind the application's middleware.
/// </summary>
internal sealed class LocalSidecar : IHostedService, IAsyncDisposable
{
    private readonly DurableTaskOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private WebApplication? _host;
    private AzureStorageOrchestrationService? _service;

    public LocalSidecar(IOptions<DurableTaskOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        // The port is fixed before anything starts because the worker and client are built with the channel.
        Port = _options.SidecarPort != 0 ? _options.SidecarPort : FreeLoopbackPort();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public GrpcChannel Channel { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var service = new AzureStorageOrchestrationService(AzureStorageServiceSettings.From(_options, _loggerFactory));

        // The sidecar starts the service but never creates the task hub's queues, tables and containers.
        await service.CreateIfNotExistsAsync();
        _service = service;

        // An empty builder: the application's configuration (URLs, environment) must not leak into the sidecar.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Protocols = HttpProtocols.Http2));
        // The sidecar logs through the application's logging, less its per-request and lifetime chatter: every
        // activity and orchestration step is a gRPC call, and the application reports its own start and stop.
        builder.Logging.AddProvider(new ApplicationLoggerProvider(_loggerFactory));
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = _options.ShutdownTimeout);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<CoreOrchestrationService>(service);
        builder.Services.AddSingleton<CoreOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        await host.StartAsync(cancellationToken);
        _host = host;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_service is not null)
        {
            // The sidecar's own stop (an async void handler) waits for every orchestration session to drain and, after
            // ten minutes, throws where nothing can catch it, ending the process. A session whose worker has already
            // stopped never drains, so it is abandoned here instead: its messages become visible again and the next
            // start replays it. The sidecar's stop then finds the service stopped and returns at once.
            try
            {
                await _service.StopAsync(isForced: true).WaitAsync(_options.ShutdownTimeout, cancellationToken);
            }
            catch (NullReferenceException)
            {
                // The sidecar starts the service only once a worker has connected: one that never started holds nothing.
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or Azure.RequestFailedException)
            {
                // The host must stop all the same; the partitions' leases expire and another worker takes them.
                _loggerFactory.CreateLogger<LocalSidecar>().LogWarning(e,
                    "The durable task service did not release its partitions within {Timeout}.", _options.ShutdownTimeout);
            }
        }

        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private sealed class ApplicationLoggerProvider(ILoggerFactory application) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => application.CreateLogger(categoryName);

        public void Dispose()
        {
            // The application owns its logger factory.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
